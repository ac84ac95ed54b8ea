"""Fixtures for the browser tests: Debian's Chromium driven headless by Playwright (sync
API) against the web app served on a loopback port over a copy of the demo store.

In: ``LAUNDERLENS_CHROMIUM`` (the browser binary; default ``/usr/bin/chromium``, which
``scripts/chromium.sh`` installs), ``CI`` (``true`` turns a missing browser into a
failure instead of a skip) and ``LAUNDERLENS_SCREENSHOTS`` (a folder that receives a copy
of every screenshot). Out: ``browser``; ``server`` (a session's token-less server) and
``serve(builder=..., **settings)`` (a server of one's own, each over its own copy of
the demo store); ``open_page(base_url, viewport=None)`` and ``page`` (tabs whose console
is watched: a JavaScript error or a console error, such as a Content-Security-Policy
violation, fails the test at teardown; ``console.allow(path)`` accepts the failed load
of a page asked for on purpose); ``screenshot(page, name)``.

Playwright never downloads a browser here: the tests launch the system one by path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from launderlens.demo import DemoResult, run_demo
from launderlens.store import open_store
from launderlens.web import Settings, create_app
from launderlens.web.services import Services, build_services
from launderlens.web.testing import ServerHandle, serve_in_thread

CHROMIUM_ENV = "LAUNDERLENS_CHROMIUM"
SCREENSHOTS_ENV = "LAUNDERLENS_SCREENSHOTS"
#: Sandboxing needs user namespaces that containers often lack; the GPU is absent; the
#: browser must not phone home (updates, safe browsing) from a test machine.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 900}
#: Chromium asks every site for /favicon.ico by itself and logs its 404 as a console
#: error; the app serves no icon (see the report), which is not a page's fault.
IGNORED_LOADS = frozenset({"/favicon.ico"})
#: Long enough for a loaded 2-core machine; a page of this app renders in milliseconds.
TIMEOUT_MS = 15_000

Screenshot = Callable[[Any, str], Path]




@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The browser binary; a skip (or under CI a failure) when it is missing."""
    path = os.environ.get(CHROMIUM_ENV, "/usr/bin/chromium")
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    hint = (f"no Chromium at {path}: run scripts/chromium.sh and export "
            f"{CHROMIUM_ENV}=$(scripts/chromium.sh | tail -n1)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the browser tests, but {hint}")
    pytest.skip(f"browser tests skipped: {hint}")


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoResult]:
    """The demo store on disk (closed), built once, and what the demo made of it."""
    path = tmp_path_factory.mktemp("browser-demo") / "demo.db"
    with open_store(str(path)) as store:
        result = run_demo(store, semantic=False)
    return path, result


def serve_copy(demo_store: tuple[Path, DemoResult], folder: Path, *,
               builder: Callable[[Settings], Services] = build_services,
               **values: Any) -> ServerHandle:
    """The app (settings ``values``, services made by ``builder``) served over a fresh
    copy of the demo store in ``folder``."""
    db = folder / "web.db"
    shutil.copyfile(demo_store[0], db)
    # An empty KB folder of our own: the machine's user KB must not change results.
    values.setdefault("kb_dir", folder / "no-user-kb")
    values.setdefault("semantic", False)
    return serve_in_thread(create_app(Settings(db=str(db), **values), builder=builder))


Serve = Callable[..., ServerHandle]


@pytest.fixture(scope="session")
def serve(demo_store: tuple[Path, DemoResult],
          tmp_path_factory: pytest.TempPathFactory) -> Serve:
    """``serve(builder=..., **settings)``: a started server over its own copy of the demo
    store (test modules cannot import this conftest under ``--import-mode=importlib``);
    the caller stops it."""

    def start(**values: Any) -> ServerHandle:
        return serve_copy(demo_store, tmp_path_factory.mktemp("browser-app"), **values)

    return start


@pytest.fixture(scope="session")
def server(serve: Serve) -> Iterator[ServerHandle]:
    """One token-less server for the tests that browse; they only add analyses."""
    with serve() as handle:
        yield handle


@dataclass
class ConsoleLog:
    """What a page said on its console, and the exceptions it threw. ``errors`` holds
    what fails a test; ``allow(path)`` accepts the failed load of a page that a test
    asks for on purpose (a 404 page)."""

    errors: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    allowed: set[str] = field(default_factory=set)

    def watch(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def allow(self, path: str) -> None:
        self.allowed.add(path)

    def _console(self, message: Any) -> None:
        url = str(message.location.get("url", ""))
        line = f"console {message.type}: {message.text} ({url})"
        self.messages.append(line)
        if message.text.startswith("Failed to load resource") and (
                urlsplit(url).path in self.allowed | IGNORED_LOADS):
            return
        # Chromium reports a Content-Security-Policy violation as a console error
        # ("Refused to apply inline style ..."), and so a failed load of a subresource.
        if message.type == "error" or "Content Security Policy" in message.text:
            self.errors.append(line)


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


OpenPage = Callable[..., Any]


@pytest.fixture
def open_page(browser: Any, console: ConsoleLog) -> Iterator[OpenPage]:
    """``open_page(base_url, viewport=None)``: a tab in a fresh context (no cookies)
    whose console ``console`` watches. The test fails at teardown when any page it
    opened logged an error or threw."""
    contexts: list[Any] = []

    def open_(base_url: str, viewport: dict[str, int] | None = None) -> Any:
        context = browser.new_context(base_url=base_url, viewport=viewport or DESKTOP)
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        opened = context.new_page()
        console.watch(opened)
        return opened

    yield open_
    for context in contexts:
        context.close()
    assert not console.errors, "the browser console reported:\n" + "\n".join(console.errors)


@pytest.fixture
def page(open_page: OpenPage, server: ServerHandle) -> Any:
    """A desktop-sized tab on :func:`server`."""
    return open_page(server.url)


@pytest.fixture(scope="session")
def screenshot_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folders = [tmp_path_factory.mktemp("screenshots")]
    extra = os.environ.get(SCREENSHOTS_ENV)
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        folders.append(Path(extra))
    return folders


@pytest.fixture
def screenshot(screenshot_dirs: list[Path]) -> Screenshot:
    """``screenshot(page, name)``: the whole page as ``name.png`` in the session's
    screenshot folder (and in ``$LAUNDERLENS_SCREENSHOTS``); the first path."""

    def take(page: Any, name: str) -> Path:
        first = screenshot_dirs[0] / f"{name}.png"
        page.screenshot(path=str(first), full_page=True)
        for folder in screenshot_dirs[1:]:
            shutil.copyfile(first, folder / first.name)
        return first

    return take
