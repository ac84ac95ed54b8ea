"""The web app and REST API of ``launderlens serve``: :class:`Settings` in, a FastAPI app
out (:func:`create_app`). Needs the ``web`` extra: ``pip install 'launderlens[web]'``.

::

    from launderlens.web import Settings, create_app
    app = create_app(Settings(db="news.db", token=None, semantic=False))

:func:`launderlens.web.testing.serve_in_thread` runs an app on a real port for tests.
"""

from __future__ import annotations

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
