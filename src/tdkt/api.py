"""The REST API: one NinjaAPI for the whole project, with its OpenAPI schema."""
