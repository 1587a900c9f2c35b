"""The API instance mounted at /api/v1/."""

from ninja import NinjaAPI

api = NinjaAPI(title="GBA Talent Bridge API", version="1.0.0", urls_namespace="api")
