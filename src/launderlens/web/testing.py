"""An app in; the app served by uvicorn on a real port, in a thread, out: a handle with its
``url`` and ``stop()``. For tests that need a server (browsers, HTTP clients, fuzzers)::

    from launderlens.web import Settings, create_app
    from launderlens.web.testing import serve_in_thread

    with serve_in_thread(create_app(Settings(db=path, semantic=False))) as server:
        httpx.get(server.url + "/api/articles")

The port is chosen by the system (``port=0``) unless given; ``serve_in_thread`` returns
once the server accepts connections (its startup, which builds the services, is done).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

__all__ = ["ServerHandle", "serve_in_thread"]


@dataclass
class ServerHandle:
    """A running server: ``url`` without a trailing slash (``http://127.0.0.1:PORT``)."""

    url: str
    host: str
    port: int
    server: Any
    thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the server to finish its requests and exit, and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(timeout)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_in_thread(app: Any, host: str = "127.0.0.1", port: int = 0, *,
                    timeout: float = 60.0, log_level: str = "warning") -> ServerHandle:
    """Serve ``app`` on ``host:port`` in a daemon thread; see the module docstring.

    Raises RuntimeError when the server has not started within ``timeout`` seconds (its
    own error, such as a startup failure, is in the log).
    """
    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: with protocol 0 asyncio does not set TCP_NODELAY on accepted
    # connections, and every keep-alive response then waits ~40 ms on Nagle's algorithm.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound = sock.getsockname()[1]
    config = uvicorn.Config(app, host=host, port=bound, log_level=log_level, lifespan="on",
                            access_log=False, loop="asyncio", http="h11", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name=f"launderlens-web-{bound}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(5)
            sock.close()
            raise RuntimeError(f"the server on {host}:{bound} did not start")
        time.sleep(0.02)
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    return ServerHandle(url=f"http://{shown}:{bound}", host=host, port=bound, server=server,
                        thread=thread)
