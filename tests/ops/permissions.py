"""The operations URLs for the project's permission registry (tests/test_permissions.py)."""

# For the load balancer, no login, three fields and nothing else (tests/ops/test_healthz.py).
OPS_PUBLIC = {"healthz"}
