"""Settings shared by every environment; values that differ come from the environment."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SRC_DIR = BASE_DIR / "src"
if str(SRC_DIR) not in sys.path:
    sys.path.insert(0, str(SRC_DIR))
VAR_DIR = Path(os.environ.get("TALENTBRIDGE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-demo-key-change-me-in-production-0123456789")
# Off unless a developer asks for it (DJANGO_DEBUG=1): the demo renders as production does, with the
# site's own translated error pages and no tracebacks.
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves static files under runserver too, with DEBUG on or off, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "talentbridge.core",
    "talentbridge.reference",
    "talentbridge.accounts",
    "talentbridge.policy",
    "talentbridge.credentials",
    "talentbridge.practice",
    "talentbridge.mobility",
    "talentbridge.insurance",
    "talentbridge.casework",
    "talentbridge.population",
    "talentbridge.api",
    "talentbridge.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "talentbridge.web.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "talentbridge.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'talentbridge.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Login throttling (django-axes): five failures lock the account-and-address pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese (Hong Kong)")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise serves STATIC_ROOT (filled by collectstatic). With DEBUG on it also finds files in the
# apps' static folders and picks up edits without a restart (its defaults follow DEBUG).
# Files a browser asks for at the site's root (/favicon.ico) are served from this folder.
WHITENOISE_ROOT = SRC_DIR / "talentbridge" / "web" / "static" / "web" / "root"
# Uploaded documents live outside any served directory and are streamed by a permission-checked view.
DOCUMENT_ROOT = Path(os.environ.get("TALENTBRIDGE_DOCUMENT_ROOT", VAR_DIR / "documents"))
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@talentbridge.example")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A cache every web process and worker shares (rate limits, throttling): the database by default,
# Redis when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "talentbridge_cache"}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
# Full Referer only within the site, none to other sites (a QR link carries a certificate in its
# URL). Not `no-referrer`: with it Chromium sends `Origin: null` on forms and CSRF refuses them.
SECURE_REFERRER_POLICY = "same-origin"
# A refused form (expired page, cookies blocked) gets the site's translated page, not Django's.
CSRF_FAILURE_VIEW = "talentbridge.web.views.public.csrf_failure"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Public rules endpoints: requests per client address (shared across processes through the cache).
RULES_API_RATE = os.environ.get("RULES_API_RATE", "60/min")
# Behind a reverse proxy, how many proxies append to X-Forwarded-For (None: the peer address is the client).
NINJA_NUM_PROXIES = int(os.environ["NINJA_NUM_PROXIES"]) if os.environ.get("NINJA_NUM_PROXIES") else None

# Public address of this platform: issuer identifiers, status list URLs and verification links in certificates.
# The demo's placeholder; production requires the real one (production.py).
CREDENTIALS_BASE_URL = os.environ.get("CREDENTIALS_BASE_URL", "https://talentbridge.example")

# Background jobs: a running job that has not reported for this long counts as stopped (core.tasks).
TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS", "300"))

# Social insurance contribution files: where uploads are kept, and the bounds of one file.
INSURANCE_IMPORT_ROOT = Path(os.environ.get("TALENTBRIDGE_INSURANCE_IMPORT_ROOT", VAR_DIR / "insurance-imports"))
INSURANCE_IMPORT_MAX_ROWS = int(os.environ.get("INSURANCE_IMPORT_MAX_ROWS", "2000000"))
INSURANCE_XLSX_MAX_UNPACKED_BYTES = int(os.environ.get("INSURANCE_XLSX_MAX_UNPACKED_BYTES", str(128 * 1024 * 1024)))

# Population snapshots (Parquet) for what-if runs and exports.
SNAPSHOT_ROOT = Path(os.environ.get("TALENTBRIDGE_SNAPSHOT_ROOT", VAR_DIR / "snapshots"))

# Talent endorsement stays: the day of the month from which a stay near its limit is warned of.
MOBILITY_STAY_WARNING_DAY = int(os.environ.get("MOBILITY_STAY_WARNING_DAY", "25"))
