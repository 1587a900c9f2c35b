"""Routers of the API, one module per area."""
