"""The REST API at /api/v1/ (django-ninja): routers per domain, schemas, auth, error shape."""
