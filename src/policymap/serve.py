"""``policymap serve``: build into a temporary folder, serve it on 127.0.0.1, rebuild on change.

Like mkdocs' ``serve``, the site is built once, then rebuilt in the same
process whenever a file under the data folder or the package's templates and
static files changes (watched with ``watchfiles``), so imports are paid once.
Served HTML pages get a small script, inserted just before ``</body>``, that
polls ``/__policymap/state`` and reloads the page when a new build is ready;
the built files themselves never contain it.

A broken edit keeps the last good build on the server: the located error is
printed in the terminal and shown as a banner on every open page until a later
edit builds again.
"""

from __future__ import annotations

import json
import mimetypes
import shutil
import signal
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import click

from .errors import PolicymapError
from .gcpause import paused_collection
from .loader import check_data_dir, load_project
from .site import render_site, write_site

HOST = "127.0.0.1"
PACKAGE = Path(__file__).resolve().parent
STATE_PATH = "/__policymap/state"
SCRIPT_PATH = "/__policymap/reload.js"
BANNER_ID = "policymap-serve-error"
POLL_MS = 300

#: Polls the state endpoint; reloads on a new build, shows or clears the error banner (text only).
RELOAD_JS = """\
(() => {
  "use strict";
  const build = Number(document.currentScript.dataset.build);
  const heading = "policymap serve: the last edit did not build. The page shows the last good build.";
  function banner(error) {
    let box = document.getElementById("%(banner)s");
    if (!error) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "%(banner)s";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647", margin: "0",
        padding: "10px 14px", maxHeight: "50vh", overflow: "auto", whiteSpace: "pre-wrap",
        font: "14px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
        background: "#fff1f1", color: "#5c0011", borderBottom: "3px solid #b00020",
      });
      document.body.prepend(box);
    }
    const text = heading + "\\n\\n" + error;
    if (box.textContent !== text) box.textContent = text;
  }
  async function poll() {
    try {
      const response = await fetch("%(state)s", {cache: "no-store"});
      const state = await response.json();
      if (state.build !== build) {
        location.reload();
        return;
      }
      banner(state.error);
    } catch (err) {
      // The server is restarting or has stopped: keep trying quietly.
    }
    setTimeout(poll, %(poll)d);
  }
  poll();
})();
""" % {"banner": BANNER_ID, "state": STATE_PATH, "poll": POLL_MS}

#: Shown for every page until the first build succeeds.
NO_BUILD_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>policymap serve: no build yet</title></head>
<body><main><h1>No build yet</h1>
<p>The data does not build yet. The error is shown above and in the terminal; this page reloads when it is fixed.</p>
</main></body></html>
"""


def inject_reload_script(html: str, build: int) -> str:
    """``html`` with the reload script inserted just before its last ``</body>`` (or at the end)."""
    tag = f'<script src="{SCRIPT_PATH}" data-build="{int(build)}"></script>\n'
    at = html.lower().rfind("</body>")
    if at == -1:
        return html + tag
    return html[:at] + tag + html[at:]


def describe_failure(exc: BaseException) -> str:
    """The message a maintainer needs for a failed rebuild: located for data and template errors."""
    if isinstance(exc, PolicymapError):
        return exc.format_message()
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "template"
        return f"{where}:{exc.lineno}: template error: {exc.message}"
    if isinstance(exc, jinja2.TemplateError):
        return f"template error: {exc}"
    return f"build failed: {type(exc).__name__}: {exc}"


class LiveSite:
    """A site rebuilt in place: the build counter, the last error and the files of the last good build."""

    def __init__(self, data_dir: Path, site_dir: Path, echo: Callable[[str], None],
                 progress: Callable[[str], None] | None = None):
        self.data_dir = Path(data_dir)
        self.site_dir = Path(site_dir)
        self.echo = echo  # errors and warnings
        self.progress = progress or echo  # "build 3: ..." lines, which -q hides
        self.build = 0
        self.error: str | None = None
        self.seconds: float | None = None
        self._warnings: list[str] = []
        self._lock = threading.Lock()

    def rebuild(self) -> bool:
        """Load, render and write; on any failure keep the last good build and record the error."""
        started = time.perf_counter()
        try:
            with paused_collection():
                project = load_project(self.data_dir)
                files = render_site(project)
            warnings = [w.format() for w in project.warnings]
            with self._lock:
                write_site(files, self.site_dir, self.data_dir)
                self.build += 1
                self.error = None
        except Exception as exc:  # noqa: BLE001 - a bad edit or template must never stop the server
            message = describe_failure(exc)
            with self._lock:
                self.error = message
            kept = f"build {self.build}" if self.build else "no good build yet"
            self.echo(f"{message}\nserving the last good build ({kept}); fix the error and save to rebuild")
            return False
        self.seconds = time.perf_counter() - started
        if warnings != self._warnings:
            for warning in warnings:
                self.echo(warning)
        self._warnings = warnings
        self.progress(f"build {self.build}: {len(files)} pages in {self.seconds:.2f} s")
        return True

    def state(self) -> dict:
        with self._lock:
            return {"build": self.build, "error": self.error}

    def read(self, url_path: str) -> tuple[bytes, str] | None:
        """The body and content type served for ``url_path``, or None for 404."""
        if url_path == SCRIPT_PATH:
            return RELOAD_JS.encode("utf-8"), "text/javascript; charset=utf-8"
        if url_path == STATE_PATH:
            return json.dumps(self.state()).encode("utf-8"), "application/json"
        parts = [p for p in urllib.parse.unquote(url_path).split("/") if p not in ("", ".")]
        if any(p == ".." or "\\" in p or "\0" in p for p in parts):
            return None
        if not parts or url_path.endswith("/"):
            parts.append("index.html")
        with self._lock:
            build = self.build
            if build == 0:
                if parts[-1].endswith(".html"):
                    return inject_reload_script(NO_BUILD_HTML, 0).encode("utf-8"), "text/html; charset=utf-8"
                return None
            path = self.site_dir.joinpath(*parts)
            if not path.is_file():
                return None
            body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            return inject_reload_script(body.decode("utf-8"), build).encode("utf-8"), "text/html; charset=utf-8"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        return body, kind


class _Handler(BaseHTTPRequestHandler):
    server_version = "policymap"
    site: LiveSite
    port: int

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        host = (self.headers.get("Host") or "").lower()
        if host not in (f"{HOST}:{self.port}", f"localhost:{self.port}"):
            self._send(403, b"forbidden: open the address printed by policymap serve\n", "text/plain", send_body)
            return
        path = urllib.parse.urlsplit(self.path).path
        found = self.site.read(path)
        if found is None and path == "/favicon.ico":
            self._send(204, b"", "image/x-icon", send_body)  # browsers ask; the site has none
        elif found is None:
            self._send(404, b"not found\n", "text/plain", send_body)
        else:
            self._send(200, *found, send_body)

    def _send(self, status: int, body: bytes, kind: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - keep the terminal for build messages
        pass


class _Server(ThreadingHTTPServer):
    """http.server's threading server with a listen backlog for a browser's bursts and tests (the default is 5)."""

    request_queue_size = 128
    daemon_threads = True


class PreviewServer:
    """The running preview: an HTTP server thread and a watcher thread around a ``LiveSite``.

    Use as a context manager, or call ``start()`` and ``stop()``.
    """

    def __init__(self, data_dir, port: int = 8000, echo: Callable[[str], None] = lambda line: None,
                 watch_paths: list[Path] | None = None, progress: Callable[[str], None] | None = None):
        self.data_dir = Path(data_dir)
        self.requested_port = port
        self.echo = echo
        self.progress = progress or echo
        self.watch_paths = watch_paths or [self.data_dir, PACKAGE / "templates", PACKAGE / "static"]
        self.site: LiveSite | None = None
        self._tmp: Path | None = None
        self._httpd: _Server | None = None
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._watch_error: BaseException | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1] if self._httpd else self.requested_port

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self) -> "PreviewServer":
        check_data_dir(self.data_dir)
        try:
            import watchfiles  # noqa: F401 - checked here so a missing extra fails before anything starts
        except ImportError:
            raise PolicymapError("policymap serve needs the watchfiles package: pip install 'policymap[serve]'") from None
        handler = type("Handler", (_Handler,), {})
        try:
            self._httpd = _Server((HOST, self.requested_port), handler)
        except OSError as exc:
            raise click.BadParameter(f"cannot listen on {HOST}:{self.requested_port} ({exc.strerror}); "
                                     "choose another port, or 0 for any free one", param_hint="--port") from None
        self._tmp = Path(tempfile.mkdtemp(prefix="policymap-serve-"))
        self.site = LiveSite(self.data_dir, self._tmp / "site", self.echo, self.progress)
        handler.site, handler.port = self.site, self.port
        self._spawn(self._watch, "policymap-watch")
        if not self._ready.wait(10):
            self.stop()
            raise PolicymapError(f"the file watcher did not start: {self._watch_error or 'timed out'}")
        self.site.rebuild()
        self._spawn(self._httpd.serve_forever, "policymap-http")
        return self

    def _spawn(self, target, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _watch(self) -> None:
        import watchfiles

        try:
            # An empty set arrives on each timeout; the first one says the watcher is running.
            for changes in watchfiles.watch(*self.watch_paths, stop_event=self._stop, step=50, rust_timeout=200,
                                            yield_on_timeout=True, raise_interrupt=False):
                self._ready.set()
                if changes and not self._stop.is_set():
                    names = sorted({_shown(path) for _, path in changes})
                    self.progress(f"changed: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}")
                    self.site.rebuild()
        except Exception as exc:  # noqa: BLE001 - reported by start() or printed
            self._watch_error = exc
            self.echo(f"the file watcher stopped: {exc}")

    def stop(self) -> None:
        self._stop.set()
        if self._httpd is not None:
            if any(t.name == "policymap-http" for t in self._threads):
                # shutdown() waits for the serving loop without a limit: give it the threads' 5 s
                stopper = threading.Thread(target=self._httpd.shutdown, name="policymap-stop", daemon=True)
                stopper.start()
                stopper.join(timeout=5)
            self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> "PreviewServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _shown(path: str) -> str:
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(data_dir, port: int = 8000, echo: Callable[[str], None] = lambda line: None,
          progress: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl+C, or SIGTERM), then stop and remove the temporary build."""
    progress = progress or echo
    server = PreviewServer(data_dir, port, echo, progress=progress)
    server.start()
    # Ctrl+C and SIGTERM both stop it, whatever the parent process left SIGINT set to.
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        echo(f"serving {server.url} (watching {data_dir} and the templates; Ctrl+C to stop)")
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        progress("stopping")
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        server.stop()
