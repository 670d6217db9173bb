"""One function per business event of this app, each atomic and audited in its transaction:
`examples` (drafting, photos, spreading), `moves` (the example's way to the public site),
`decisions` (publishing award decisions)."""
