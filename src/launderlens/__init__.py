"""launderlens: expose laundered news.

Find the articles that retell one story, what each copy kept, changed and added, and
the claims, sources and known narratives behind them. The public API is small and
stays importable without the heavy optional dependencies.
"""

from __future__ import annotations

from .model import Article, Rejection, Sentence

__version__ = "0.1.0"

__all__ = ["Article", "Rejection", "Sentence", "__version__"]
