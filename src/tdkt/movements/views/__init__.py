"""Screens of movements, registrations and cluster work: thin views over the services."""
