"""Rules for individuals (cá nhân), one module per title or form."""
