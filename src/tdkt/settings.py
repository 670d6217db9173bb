"""One settings module. Every value comes from the environment through a typed reader that fails
loudly on a bad value; everything optional defaults off."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        file_path = os.environ.get(f"{name}_FILE")
        if file_path:
            return Path(file_path).read_text(encoding="utf-8").strip()
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


DATA_DIR = Path(env_str("TDKT_DATA_DIR", str(PROJECT_DIR / "var")))
for _folder in (DATA_DIR, DATA_DIR / "static", DATA_DIR / "media"):
    _folder.mkdir(parents=True, exist_ok=True)
DEBUG = env_bool("TDKT_DEBUG", False)


def _secret_key() -> str:
    """An explicit key wins; otherwise a random one is kept in the data folder, so a fresh machine
    runs without setup and sessions survive restarts."""
    explicit = env_str("TDKT_SECRET_KEY", "")
    if explicit:
        return explicit
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("TDKT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("TDKT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",  # throttles failed sign-ins per account and per address (see Sign-in below)
    "csp",  # the Content-Security-Policy header (see Security below)
    "django_htmx",
    "ninja",  # serves the API docs page's assets locally (no CDN at run time)
    "django_tasks",
    "django_tasks_db",
    "tdkt.audit",
    "tdkt.workdays",
    "tdkt.accounts",
    "tdkt.org",
    "tdkt.people",
    "tdkt.records",
    "tdkt.imports",
    "tdkt.eligibility",
    "tdkt.movements",
    "tdkt.nominations",
    "tdkt.council",
    "tdkt.decisions",
    "tdkt.notifications",
    "tdkt.publicity",
    "tdkt.funds",
    "tdkt.inspections",
    "tdkt.reports",
    "tdkt.demo",
    "tdkt.ops",
    "tdkt.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tdkt.web.middleware.JsonBodyLimitMiddleware",
    "tdkt.web.middleware.BoundedPathIdsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tdkt.accounts.middleware.MustChangePasswordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tdkt.audit.middleware.RequestIdMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: turns a locked-out sign-in into the Vietnamese login page (tdkt/accounts/throttle.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tdkt.urls"
WSGI_APPLICATION = "tdkt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tdkt.web.context_processors.navigation",
            ],
            "builtins": ["tdkt.web.templatetags.tdkt"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'tdkt.sqlite3'}"),
        conn_max_age=env_int("TDKT_CONN_MAX_AGE", 60),
        # A kept connection (one per gunicorn thread) is checked before a request reuses it: a
        # database restarted meanwhile costs a reconnection, not the request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the background worker write progress while pages keep reading.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes checks lockouts first; it needs the request, which the login form passes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "tdkt.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "tdkt.accounts.validators.CommonPasswordValidator"},
    {"NAME": "tdkt.accounts.validators.NumericPasswordValidator"},
    {"NAME": "tdkt.accounts.validators.UserAttributeSimilarityValidator"},
]
# Django's default first (what every password is re-hashed with); the fast hasher only verifies
# one-time passwords until their first sign-in (see tdkt/accounts/hashers.py for why).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "tdkt.accounts.hashers.OneTimePasswordHasher",
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# The project's catalogue (`tdkt makemessages -l vi`); the build compiles it (Makefile, $(STAMP)).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tdkt.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end libraries come from the npm registry (package.json), never from the repository.
STATICFILES_DIRS = [
    (f"vendor/{name}", PROJECT_DIR / "node_modules" / name / "dist")
    for name in ("htmx.org", "chart.js")
    if (PROJECT_DIR / "node_modules" / name / "dist").is_dir()
]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

TASKS = {
    "default": {
        "BACKEND": env_str("TDKT_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# The background worker (`tdkt worker`) beats every so many seconds; /healthz calls it stale after
# TDKT_WORKER_STALE_SECONDS without a beat.
TDKT_WORKER_HEARTBEAT_SECONDS = env_int("TDKT_WORKER_HEARTBEAT_SECONDS", 15)
TDKT_WORKER_STALE_SECONDS = env_int("TDKT_WORKER_STALE_SECONDS", 60)

# The workflow kernel's ports (tdkt/workflow): who may act for a unit, where notices go, and the
# dated rule parameters in force. Named here, like AUTHENTICATION_BACKENDS, so that apps below
# accounts, notifications and eligibility ask without importing them.
TDKT_ACCESS_POLICY = "tdkt.accounts.access"
TDKT_NOTIFIER = "tdkt.notifications.services.notify"
TDKT_PARAMETERS = "tdkt.eligibility.parameters.current_parameters"

# Uploads larger than this are refused before they are read (an .xlsx of 15,000 rows is ~1 MB).
TDKT_MAX_UPLOAD_BYTES = env_int("TDKT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = TDKT_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True

# Security. TDKT_HTTPS=true for a deployment reached over HTTPS (usually behind a proxy that ends
# TLS and sets X-Forwarded-Proto, which must overwrite whatever the client sent): secure cookies,
# HSTS, redirect to HTTPS (except /healthz, which the load balancer calls over plain HTTP).
TDKT_HTTPS = env_bool("TDKT_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("TDKT_SECURE_COOKIES", TDKT_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if TDKT_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
CSRF_FAILURE_VIEW = "tdkt.web.errors.csrf_failure"
# A session ends after this many minutes without a request (default: one working day).
TDKT_SESSION_IDLE_MINUTES = env_int("TDKT_SESSION_IDLE_MINUTES", 480)
if TDKT_SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("TDKT_SESSION_IDLE_MINUTES must be at least 1")
SESSION_COOKIE_AGE = TDKT_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
# Everything from 'self' (htmx and Chart.js are served by the application); no inline script and
# no eval. Inline styles stay allowed: progress bars and chart heights are set per page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in: after TDKT_LOGIN_FAILURES failed sign-ins to one account, or
# TDKT_LOGIN_FAILURES_PER_ADDRESS from one address (an office behind one NAT address signs in from
# it), signing in there is refused for TDKT_LOGIN_COOLOFF_MINUTES or until an administrator unlocks
# the account. The client's address is REMOTE_ADDR unless TDKT_TRUSTED_PROXY_HEADER names the header
# the proxy sets (e.g. X-Forwarded-For: its last address is the one the proxy saw).
TDKT_LOGIN_FAILURES = env_int("TDKT_LOGIN_FAILURES", 5)
TDKT_LOGIN_FAILURES_PER_ADDRESS = env_int("TDKT_LOGIN_FAILURES_PER_ADDRESS", 30)
TDKT_LOGIN_COOLOFF_MINUTES = env_int("TDKT_LOGIN_COOLOFF_MINUTES", 15)
TDKT_TRUSTED_PROXY_HEADER = env_str("TDKT_TRUSTED_PROXY_HEADER", "")
if min(TDKT_LOGIN_FAILURES, TDKT_LOGIN_FAILURES_PER_ADDRESS, TDKT_LOGIN_COOLOFF_MINUTES) < 1:
    raise ImproperlyConfigured("TDKT_LOGIN_* settings must be at least 1")
AXES_FAILURE_LIMIT = TDKT_LOGIN_FAILURES
AXES_COOLOFF_TIME = dt.timedelta(minutes=TDKT_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "tdkt.accounts.throttle.ThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "tdkt.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "tdkt.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TDKT_LOG_LEVEL", "WARNING")},
}

# E-mail copies of notifications: off unless EMAIL_HOST is set (the notification itself is always
# in the application).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("TDKT_EMAIL_FROM", "tdkt@localhost")
# The address links in e-mails start with.
TDKT_SITE_URL = env_str("TDKT_SITE_URL", "http://127.0.0.1:8000")
