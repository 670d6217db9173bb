"""Rules for collectives (tập thể), one module per title or form."""
