"""The business events of dossiers: one function per event, keyword-only, atomic, audited.

`dossiers` – creating, editing, candidates; `verdicts` – the engine's verdict of each candidate and
the caps across the unit's proposals; `moves` – submitting and every move up and down the levels;
`components` – uploads and the checklist of each award; `publicity` – public comment."""
