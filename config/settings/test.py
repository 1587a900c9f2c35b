"""Settings for the test suite: fast hashing, in-memory e-mail, immediate tasks."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

# Each parallel test worker (pytest-xdist names it gw0, gw1, ...) writes its files in a folder of its own.
TEST_FILES_DIR = VAR_DIR / f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DOCUMENT_ROOT = TEST_FILES_DIR / "documents"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SNAPSHOT_ROOT = TEST_FILES_DIR / "snapshots"
INSURANCE_IMPORT_ROOT = TEST_FILES_DIR / "insurance-imports"
