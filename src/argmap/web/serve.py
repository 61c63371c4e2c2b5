"""``argmap serve``: a live preview of one argument file in the browser.

The page of the map is built in memory and served from 127.0.0.1 only, at ``/``; nothing
else is served (no other path, no directory, no file from disk).  A thread polls the file
a few times a second (a ``stat``: cheap, and it sees editors that save by renaming a new
file into place) and rebuilds the page after each save; open pages hear of it through
Server-Sent Events on ``/events`` and reload, keeping their zoom and selection.  While the
file is broken the last good page stays served and the pages show the located one-line
error instead."""

from __future__ import annotations

import errno
import os
import threading
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ..errors import ArgmapError

HOST = "127.0.0.1"
POLL_SECONDS = 0.2
KEEP_ALIVE_SECONDS = 15.0


def error_line(exc: ArgmapError) -> str:
    """The first problem as ``FILE:LINE:COL: error: message``, the way the command line
    prints it, with how many more there are."""
    problems = exc.problems
    more = len(problems) - 1
    return str(problems[0]) + (f" (and {more} more)" if more else "")


class Preview:
    """The current page of one map file, rebuilt by ``refresh``.  ``generation`` counts
    good builds; ``problem`` is the error of the latest build when it failed (the page
    of the last good build stays)."""

    def __init__(self, path: str, build: Callable[[int], str]):
        self.path = path
        self._build = build
        self.generation = 0
        self.page = b""
        self.problem: str | None = None
        self.stopping = False
        self.changed = threading.Condition()

    def refresh(self, first: bool = False) -> bool:
        """Rebuild the page; ``False`` (and ``problem`` set) when the file is broken.
        The ``first`` build raises instead: there is no good page to fall back on."""
        try:
            page = self._build(self.generation + 1).encode("utf-8")
        except ArgmapError as exc:
            if first:
                raise
            with self.changed:
                self.problem = " ".join(error_line(exc).splitlines())
                self.changed.notify_all()
            return False
        with self.changed:
            self.generation += 1
            self.page = page
            self.problem = None
            self.changed.notify_all()
        return True

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()

    def watch(self, stop: threading.Event) -> None:
        """Refresh after every change of the file until ``stop`` is set."""
        seen = _signature(self.path)
        while not stop.wait(POLL_SECONDS):
            now = _signature(self.path)
            if now != seen:
                seen = now
                self.refresh()


def _signature(path: str):
    """What changes when the file is saved, whether in place or by a rename."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class _Server(ThreadingHTTPServer):
    """The HTTP server, holding the preview its handlers serve."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        super().__init__(address, _Handler)
        self.preview = preview


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "argmap"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # one line per request would drown the terminal
        pass

    def do_GET(self):
        preview = self.server.preview
        allowed = {f"{HOST}:{self.server.server_port}", f"localhost:{self.server.server_port}"}
        if self.headers.get("Host") not in allowed:  # another site's page, via DNS rebinding
            self._plain(HTTPStatus.FORBIDDEN, "forbidden")
            return
        url = urlsplit(self.path)
        if self.path == "/":
            with preview.changed:
                body = preview.page
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/events") and url.path == "/events":
            self._events(preview, parse_qs(url.query).get("generation", [""])[0])
        else:
            self._plain(HTTPStatus.NOT_FOUND, "not found")

    def _plain(self, status: HTTPStatus, text: str) -> None:
        body = (text + "\n").encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self, preview: Preview, shown: str) -> None:
        """Tell the page when to reload (a newer good build than the one it shows) and
        what is wrong while the file is broken; a comment now and then detects a page
        that has gone away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        told = None

        def news() -> bool:
            return preview.stopping or str(preview.generation) != shown \
                or preview.problem != told

        try:
            while True:
                with preview.changed:
                    preview.changed.wait_for(news, timeout=KEEP_ALIVE_SECONDS)
                    generation, problem = preview.generation, preview.problem
                    if preview.stopping:
                        return
                if str(generation) != shown:
                    self.wfile.write(f"event: reload\ndata: {generation}\n\n".encode())
                    self.wfile.flush()
                    return
                if problem != told:
                    told = problem
                    self.wfile.write(f"event: problem\ndata: {problem or ''}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def serve(path: str, build: Callable[[int], str], *, port: int = 8765, open_browser: bool = False,
          announce: Callable[[str], None] = print) -> None:
    """Serve the live page of ``path`` until interrupted (Ctrl-C returns normally).

    ``build(generation)`` makes the page; the first build must succeed, or its error is
    raised before anything listens."""
    preview = Preview(path, build)
    preview.refresh(first=True)
    try:
        server = _Server((HOST, port), preview)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ArgmapError(f"port {port} on {HOST} is in use; choose another with --port "
                              f"(0 picks a free one)") from None
        raise ArgmapError(f"cannot listen on {HOST}:{port}: {exc.strerror}") from None
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    url = f"http://{HOST}:{server.server_port}/"
    announce(f"serving {path} at {url} (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        preview.stop()
        server.server_close()
        watcher.join(timeout=2)

