"""The command line: a thin layer over the library, one module per command group.

``main`` is the ``launderlens`` command; :mod:`.common` holds what every subcommand shares
(``--db``/``--json``, opening the store, reading one article, exit codes) and
:mod:`.render` the terminal tables. Nothing in the library imports from here.
"""

from __future__ import annotations

from .main import main

__all__ = ["main"]
