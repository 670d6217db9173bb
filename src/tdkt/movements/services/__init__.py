"""Business events of movements, registrations and cluster work (one module per kind)."""
