"""``launderlens serve``: options in; the web app and REST API served by uvicorn out.

The token comes from ``LAUNDERLENS_TOKEN`` only (an option would show it in the process
list). fastapi and uvicorn are imported inside the command, so the rest of the CLI works
without the ``web`` extra.
"""

from __future__ import annotations

import ipaddress
import logging

import click

__all__ = ["is_loopback", "serve"]

INSTALL_HINT = "the web app needs its extra: pip install 'launderlens[web]'"

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--db", envvar="LAUNDERLENS_DB", show_envvar=True,
              help="SQLite file path or postgresql:// URL (default: a file in your data "
                   "directory).")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@click.option("--semantic/--no-semantic", default=None,
              help="Use sentence embeddings (default: align with them when installed).")
@click.option("--max-upload", "max_upload", type=click.IntRange(min=1024),
              default=5 * 1024 * 1024, show_default=True,
              help="Largest request body in bytes.")
@click.option("--kb-dir", type=click.Path(file_okay=False), envvar="LAUNDERLENS_KB_DIR",
              help="Your own KB files, loaded over the shipped ones.")
@click.option("--allow-anonymous", is_flag=True,
              help="Serve on a non-loopback address without LAUNDERLENS_TOKEN: anyone who "
                   "can reach it can read and add to the store.")
def serve(host: str, port: int, db: str | None, allow_private: bool, semantic: bool | None,
          max_upload: int, kb_dir: str | None, allow_anonymous: bool) -> None:
    """Serve the web app and the REST API (/api, described at /openapi.json).

    Set LAUNDERLENS_TOKEN to require a token: `Authorization: Bearer TOKEN` for the API,
    and a one-time `?token=TOKEN` in the browser, which signs the browser in. Without a
    token, serve only on a loopback address; anywhere else it refuses to start unless
    --allow-anonymous says that anyone who can reach the address may use it.
    """
    try:
        import uvicorn

        from ..web import Settings, create_app
        from ..web.settings import LOOPBACK_HOSTS
    except ImportError as err:
        raise click.ClickException(f"{INSTALL_HINT} ({err.name} is missing)") from None
    from pathlib import Path

    from ..errors import ConfigError

    try:
        settings = Settings.from_env(
            db=db, allow_private=allow_private, semantic=semantic, max_upload_bytes=max_upload,
            kb_dir=Path(kb_dir) if kb_dir else None,
            # On loopback, only this machine's names: a web page cannot then reach the
            # server through a domain of its own that resolves to 127.0.0.1.
            allowed_hosts=LOOPBACK_HOSTS if is_loopback(host) else None)
    except ConfigError as err:
        raise click.UsageError(str(err)) from None
    if settings.token is None and not is_loopback(host):
        if not allow_anonymous:
            # Refused before anything listens: a warning scrolls by while the store is
            # already open to the network for reading and writing.
            raise click.UsageError(
                f"serving on {host} without a token would let anyone who can reach it read "
                "and add to the store; set LAUNDERLENS_TOKEN, serve on 127.0.0.1, or pass "
                "--allow-anonymous")
        click.echo(f"warning: serving on {host} without a token (--allow-anonymous): anyone "
                   "who can reach this address can read and add to the store.", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"launderlens serving on http://{shown}:{port}/ (API at /api, "
               f"description at /openapi.json)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                proxy_headers=False, server_header=False)
