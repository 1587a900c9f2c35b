"""Fixtures for the web tests: signed-in clients and a minimal PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from talentbridge.accounts.models import User

# whitenoise warns on every request when the collected-static directory does not exist yet
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def signed_in() -> Callable[[User], Client]:
    """A client signed in as `user` (force_login: the sign-in form itself is tested separately)."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
