"""Settings in; the FastAPI application out: the REST API under ``/api``, its description at
``/openapi.json``, the pages, and ``/static/app.css``.

The shared objects (:class:`~launderlens.web.services.Services`) are built at startup,
or on the first request when the app runs without its lifespan (some test clients), and
closed at shutdown. Middleware, outermost first: security headers, host and token check,
cross-site check, body cap, catch-all (:mod:`.guard`).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from .. import __version__
from . import (
    api_analysis,
    api_articles,
    api_narratives,
    api_stories,
    network_pages,
    pages,
    pages_tools,
)
from .errors import install_handlers
from .guard import BodyLimit, CatchAll, Gate, OriginCheck, SecurityHeaders
from .openapi import install_openapi
from .services import Services, ServicesHolder, build_services
from .settings import Settings

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *,
               builder: Callable[[Settings], Services] = build_services) -> FastAPI:
    """The app for ``settings`` (default: :meth:`Settings.from_env`). ``builder`` makes
    the shared services; a test may pass one that builds them its own way."""
    settings = settings or Settings.from_env()
    holder = ServicesHolder(settings, builder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Built off the event loop: loading the KB and the catalogue index blocks.
        await run_in_threadpool(holder.get)
        try:
            yield
        finally:
            await run_in_threadpool(holder.close)

    app = FastAPI(title="launderlens", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.settings = settings
    app.state.services = holder
    install_handlers(app)
    for module in (api_analysis, api_articles, api_stories, api_narratives, pages,
                   pages_tools, network_pages):
        app.include_router(module.router)
    static = resources.files("launderlens.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    install_openapi(app, bearer=settings.token is not None)
    # Added innermost first: each add_middleware wraps what was added before it.
    app.add_middleware(CatchAll)
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(OriginCheck)
    app.add_middleware(Gate, token=settings.token, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app
