"""The web app's settings in (arguments, the environment); one frozen :class:`Settings` out.

Everything the app needs to know before it starts: which store, whether a token guards
it, how much a request may upload, whether URLs on private networks may be fetched, and
whether sentence embeddings are used. Values are checked here, so that a bad one stops
the server at start with a message that says what is allowed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "LOOPBACK_HOSTS", "TOKEN_ENV", "Settings"]

TOKEN_ENV = "LAUNDERLENS_TOKEN"
DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Host names a browser uses for this machine; see :attr:`Settings.allowed_hosts`.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
#: A token shorter than this is refused: it guards everything the store holds.
MIN_TOKEN_CHARS = 16


@dataclass(frozen=True)
class Settings:
    """How one app is set up.

    ``db``: the store URL (None: :func:`launderlens.store.default_db_url`). ``token``:
    when set, every page and endpoint asks for it (``Authorization: Bearer``, or a
    session cookie set by ``?token=``). ``allow_private``: fetch URLs that resolve to
    private, loopback or link-local addresses. ``max_upload_bytes``: the largest request
    body. ``semantic``: True uses sentence embeddings everywhere (as ``--semantic``), None
    uses them when installed to align copies, match known narratives and find propaganda
    techniques, but scores claims without them (the CLI's defaults), False never loads
    them. ``allowed_hosts``: Host header values accepted (None: any); set it to
    :data:`LOOPBACK_HOSTS` on a loopback server so that a web page cannot reach it through
    a domain that resolves to 127.0.0.1 (DNS rebinding). ``inbox_window``: how many recent
    articles the inbox ranks. ``inline_chars``: texts up to this length are analysed while
    the page waits; longer ones, and URLs, become background jobs.
    """

    db: str | None = None
    token: str | None = None
    allow_private: bool = False
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    semantic: bool | None = None
    kb_dir: Path | None = None
    allowed_hosts: tuple[str, ...] | None = None
    inbox_window: int = 100
    inline_chars: int = 20_000
    job_workers: int = 2
    fetch_timeout: float = 20.0

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < MIN_TOKEN_CHARS:
            raise ConfigError(f"the token must be at least {MIN_TOKEN_CHARS} characters "
                              "(e.g. python -c 'import secrets; print(secrets.token_urlsafe())')")
        if self.token is not None and not self.token.isprintable():
            raise ConfigError("the token must be printable characters without line breaks")
        if self.max_upload_bytes < 1024:
            raise ConfigError(f"max_upload_bytes must be at least 1024, not "
                              f"{self.max_upload_bytes}")
        if not 1 <= self.inbox_window <= 10_000:
            raise ConfigError("inbox_window must be between 1 and 10000")
        if self.job_workers < 1:
            raise ConfigError("job_workers must be at least 1")
        if self.allowed_hosts is not None and not self.allowed_hosts:
            raise ConfigError("allowed_hosts must name at least one host, or be None for any")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **values: Any) -> Settings:
        """Settings with ``token`` from ``LAUNDERLENS_TOKEN``, ``db`` from
        ``LAUNDERLENS_DB`` and ``kb_dir`` from ``LAUNDERLENS_KB_DIR`` unless given."""
        env = os.environ if environ is None else environ
        values.setdefault("token", env.get(TOKEN_ENV) or None)
        values.setdefault("db", env.get("LAUNDERLENS_DB") or None)
        kb_dir = env.get("LAUNDERLENS_KB_DIR")
        values.setdefault("kb_dir", Path(kb_dir) if kb_dir else None)
        return cls(**values)

    def with_values(self, **values: Any) -> Settings:
        return replace(self, **values)
