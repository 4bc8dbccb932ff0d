"""``policymap serve``: the reload script, and the real server on a free loopback port."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import jinja2
import pytest
from click.testing import CliRunner

from policymap.cli import cli
from policymap.errors import FigureError, Problem
from policymap.serve import (PACKAGE, SCRIPT_PATH, STATE_PATH, LiveSite, PreviewServer, describe_failure,
                             inject_reload_script)

DEADLINE = 15  # seconds any one wait may take


def wait_for(predicate, what: str, timeout: float = DEADLINE):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def fetch(url: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def state(server) -> dict:
    return json.loads(fetch(server.url + STATE_PATH.lstrip("/"))[1])


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def server(good_copy):
    lines: list[str] = []
    preview = PreviewServer(good_copy, port=0, echo=lines.append)
    preview.lines = lines
    with preview:
        yield preview


# -- in-process ------------------------------------------------------------------------------

def test_reload_script_goes_just_before_the_last_body_end_tag():
    html = "<html><body><p>x</p><script>'</body>'</script></body></html>"
    assert inject_reload_script(html, 3) == (
        "<html><body><p>x</p><script>'</body>'</script>"
        f'<script src="{SCRIPT_PATH}" data-build="3"></script>\n</body></html>')
    assert inject_reload_script("<p>no body</p>", 1).endswith(f'data-build="1"></script>\n')


def test_describe_failure_locates_data_and_template_errors():
    problem = Problem("data/figures/a.yaml", 3, 5, "id: expected text, got nothing")
    assert describe_failure(FigureError([problem])).startswith("data/figures/a.yaml:3:5: id: expected text")
    exc = jinja2.TemplateSyntaxError("unexpected '}'", 12, "figure.html", "templates/figure.html")
    assert describe_failure(exc) == "templates/figure.html:12: template error: unexpected '}'"
    assert describe_failure(KeyError("x")) == "build failed: KeyError: 'x'"


def test_live_site_refuses_paths_outside_the_site(good_copy, tmp_path):
    site = LiveSite(good_copy, tmp_path / "out" / "site", echo=lambda line: None)
    assert site.rebuild()
    (tmp_path / "out" / "secret.txt").write_text("secret", encoding="utf-8")
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..\\secret.txt"):
        assert site.read(path) is None, path
    body, kind = site.read("/")
    assert kind == "text/html; charset=utf-8" and b'data-build="1"' in body


def test_live_site_before_any_good_build_serves_an_error_page(good_copy, tmp_path):
    edit(good_copy / "figures" / "funding.yaml", "id: funding", "id: Funding")
    lines = []
    site = LiveSite(good_copy, tmp_path / "site", echo=lines.append)
    assert not site.rebuild()
    assert site.state()["build"] == 0 and "expected a kebab-case id" in site.state()["error"]
    assert "no good build yet" in lines[-1]
    body, _ = site.read("/funding.html")
    assert b"No build yet" in body and b'data-build="0"' in body
    assert site.read("/assets/policymap.js") is None


# -- the real server ---------------------------------------------------------------------------

def test_binds_loopback_only_and_watches_data_and_package_files(server, good_copy):
    assert server._httpd.server_address[0] == "127.0.0.1"
    assert server.url.startswith("http://127.0.0.1:")
    assert set(server.watch_paths) == {good_copy, PACKAGE / "templates", PACKAGE / "static"}
    assert fetch(server.url, {"Host": "attacker.example:80"})[0] == 403
    assert fetch(server.url + "nothing-here.html")[0] == 404


def test_served_pages_carry_the_reload_script_and_built_files_do_not(server):
    status, page = fetch(server.url + "funding.html")
    assert status == 200
    assert f'<script src="{SCRIPT_PATH}" data-build="1"></script>\n</body>' in page
    built = list(server.site.site_dir.rglob("*.html"))
    assert built and not any("__policymap" in p.read_text(encoding="utf-8") for p in built)
    assert fetch(server.url + SCRIPT_PATH.lstrip("/"))[0] == 200


def test_an_edit_appears_in_the_served_page(server, good_copy):
    assert "Local residents" in fetch(server.url + "partners.html")[1]
    edit(good_copy / "figures" / "partners.yaml", "label: Local residents", "label: Neighbourhood residents")
    wait_for(lambda: state(server)["build"] == 2, "the rebuild")
    page = fetch(server.url + "partners.html")[1]
    assert "Neighbourhood residents" in page and "Local residents" not in page
    assert 'data-build="2"' in page
    assert server.site.seconds < 5


def test_a_broken_edit_keeps_the_last_good_build_and_fixing_it_recovers(server, good_copy):
    path = good_copy / "figures" / "funding.yaml"
    edit(path, "relation: member-of", "relation: memberof")
    error = wait_for(lambda: state(server)["error"], "the error")
    assert error.startswith("data/figures/funding.yaml:51:15: edges[1].relation: expected one of")
    assert "did you mean 'member-of'?" in error
    assert state(server)["build"] == 1
    status, page = fetch(server.url + "funding.html")
    assert status == 200 and 'data-build="1"' in page and "King&#39;s Fund" in page
    printed = "\n".join(server.lines)
    assert "data/figures/funding.yaml:51:15: edges[1].relation" in printed
    assert "serving the last good build (build 1)" in printed

    edit(path, "relation: memberof", "relation: member-of")
    wait_for(lambda: state(server) == {"build": 2, "error": None}, "the recovery")
    assert 'data-build="2"' in fetch(server.url + "funding.html")[1]


def test_stop_closes_the_port_and_removes_the_build(good_copy):
    preview = PreviewServer(good_copy, port=0).start()
    url, site_dir = preview.url, preview.site.site_dir
    assert site_dir.is_dir()
    preview.stop()
    assert not site_dir.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a shell does for a job started with &


@pytest.mark.parametrize("stop_signal, started", [(signal.SIGINT, None), (signal.SIGTERM, None),
                                                  (signal.SIGINT, _ignore_sigint)])
def test_the_serve_command_serves_until_interrupted_then_cleans_up(good_copy, stop_signal, started, tmp_path):
    scratch = tmp_path / "tmp"  # the server's own temporary folder, to see that it is removed
    scratch.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "policymap", "serve", "--data", "data", "--port", "0"],
                               stderr=subprocess.PIPE, text=True, cwd=good_copy.parent, preexec_fn=started,
                               env={**os.environ, "TMPDIR": str(scratch)})
    try:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)
        reader.start()
        found = wait_for(lambda: next((re.search(r"serving (http://127\.0\.0\.1:\d+/)", line) for line in lines
                                       if "serving" in line), None), "the serving line")
        assert fetch(found.group(1) + "partners.html")[0] == 200
        assert [p.name for p in scratch.iterdir()][0].startswith("policymap-serve-")
        process.send_signal(stop_signal)
        try:
            code = process.wait(timeout=2 * DEADLINE)  # stopping joins two threads, each for up to 5 s
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {2 * DEADLINE} s after {stop_signal.name}; it wrote: {lines!r}")
        assert code == 0, lines
        reader.join(timeout=DEADLINE)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=DEADLINE)
    text = "".join(lines)
    assert re.match(r"build 1: \d+ pages in \d+\.\d\d s\n", text) and text.rstrip().endswith("stopping")
    assert "Traceback" not in text
    assert list(scratch.iterdir()) == []


def test_cli_serve_usage_errors(good_copy, tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--data", str(tmp_path / "missing"), "--port", "0"])
    assert result.exit_code == 2 and "expected a data folder" in result.output
    assert CliRunner().invoke(cli, ["serve", "--port", "70000"]).exit_code == 2
    with PreviewServer(good_copy, port=0) as running:
        result = CliRunner().invoke(cli, ["serve", "--data", str(good_copy), "--port", str(running.port)])
        assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{running.port}" in result.output
