"""Configuration: defaults, then the instance config file, then NETEVENTS_* environment variables, then overrides."""
from __future__ import annotations

import json
import os
import secrets
import tomllib
from pathlib import Path
from typing import Any

import platformdirs

ENV_PREFIX = "NETEVENTS_"
CONFIG_FILE_NAME = "netevents.toml"
SECRET_KEY_FILE = "secret_key"

DEFAULTS: dict[str, Any] = {
    "DATA_DIR": None,
    "DATABASE_URL": None,
    "SECRET_KEY": None,
    "PLUGINS_DIR": None,
    "SAFE_MODE": False,
    "TRACE_HOOKS": False,
    "RATELIMIT_STORAGE_URI": "memory://",
    "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",  # failed logins per client address
    "LOGIN_ACCOUNT_RATE_LIMIT": "10 per minute;30 per hour",  # failed logins per account, from any address
    "PROXY_COUNT": 0,  # reverse proxies in front of netevents whose X-Forwarded-* headers are trusted
    "PAGE_SIZE": 50,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 14,
    "WTF_CSRF_ENABLED": True,
    "WTF_CSRF_TIME_LIMIT": None,
    "TESTING": False,
}


def default_data_dir() -> Path:
    """Return the documented default data folder (e.g. ~/.local/share/netevents on Linux)."""
    return Path(platformdirs.user_data_dir("netevents", appauthor=False))


def parse_env_value(raw: str) -> Any:
    """Turn an environment string into a bool, number, JSON value or the string itself."""
    lowered = raw.strip().lower()
    if lowered in {"true", "yes", "on"}:
        return True
    if lowered in {"false", "no", "off"}:
        return False
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def env_settings(environ: dict[str, str] | os._Environ) -> dict[str, Any]:
    """Collect NETEVENTS_* variables as config keys without the prefix."""
    keep_as_text = {"DATABASE_URL", "SECRET_KEY", "DATA_DIR", "PLUGINS_DIR", "RATELIMIT_STORAGE_URI"}
    settings = {}
    for name, raw in environ.items():
        if name.startswith(ENV_PREFIX) and name != "NETEVENTS_TEST_DATABASE_URL":
            key = name[len(ENV_PREFIX):]
            settings[key] = raw if key in keep_as_text or key.endswith("_SECRET") else parse_env_value(raw)
    return settings


def resolve_data_dir(settings: dict[str, Any]) -> Path:
    """Pick the data folder from the settings so far (env or overrides), else the default."""
    return Path(settings.get("DATA_DIR") or default_data_dir()).expanduser()


def read_instance_file(data_dir: Path) -> dict[str, Any]:
    """Read netevents.toml from the data folder; keys are upper-cased config names."""
    path = data_dir / CONFIG_FILE_NAME
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return {key.upper(): value for key, value in tomllib.load(handle).items()}


def stored_secret_key(data_dir: Path) -> str:
    """Return the secret key kept in the data folder, creating it on first run.

    Processes starting together must agree on one key: each writes a candidate to a private file and links it
    into place, which succeeds for one of them only; the others read the winner's key.
    """
    path = data_dir / SECRET_KEY_FILE
    if not path.exists():
        candidate = data_dir / f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        candidate.touch(mode=0o600)
        candidate.write_text(secrets.token_urlsafe(48))
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    return path.read_text().strip()


def load(app, overrides: dict[str, Any] | None = None, environ=None, *, create_files: bool = True) -> None:
    """Fill app.config from defaults, instance file, environment and overrides, in that order.

    With ``create_files=False`` (``netevents --help``) nothing is written: no data folder, no secret key file,
    and a SQLite database that does not exist yet is replaced by an empty one in memory.
    """
    environ = os.environ if environ is None else environ
    overrides = dict(overrides or {})
    early = {**env_settings(environ), **overrides}
    data_dir = resolve_data_dir(early)
    if create_files:
        data_dir.mkdir(parents=True, exist_ok=True)
    app.config.update(DEFAULTS)
    app.config.update(read_instance_file(data_dir))
    app.config.update(env_settings(environ))
    app.config.update(overrides)
    app.config["DATA_DIR"] = str(data_dir)
    if not app.config.get("DATABASE_URL"):
        database_file = data_dir / "netevents.db"
        app.config["DATABASE_URL"] = f"sqlite:///{database_file}" if create_files or database_file.exists() \
            else "sqlite://"
    if not app.config.get("SECRET_KEY"):
        secret_file = data_dir / SECRET_KEY_FILE
        app.config["SECRET_KEY"] = stored_secret_key(data_dir) if create_files or secret_file.exists() \
            else secrets.token_urlsafe(48)
    app.instance_path = str(data_dir)
