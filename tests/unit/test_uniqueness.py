"""Names a reader tells bodies and maps apart by: figure numbers, labels, acronyms; and serve's backlog."""

import shutil
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from click.testing import CliRunner

from policymap.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(cli, list(args))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_duplicate_figure_number_is_an_error(good_copy):
    _edit(good_copy / "figures" / "partners.yaml", "number: 8", "number: 7")
    result = run("validate", "data")
    assert result.exit_code == 1
    assert "data/figures/partners.yaml:4:9: number: duplicate figure number 7" in result.output
    assert "  hint: Figure 7 is already data/figures/funding.yaml:4:9; each map has its own number" in result.output


def test_shared_label_or_acronym_is_a_warning_and_fails_strict(good_copy):
    _edit(good_copy / "figures" / "funding.yaml", "    label: Primary care trusts\n", "    label: King's fund\n")
    _edit(good_copy / "figures" / "partners.yaml", "    label: Local residents\n", "    label: Local residents\n    acronym: pct\n")
    result = run("validate", "data")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "warning:" in line]
    assert any("label: 'pct' has the label \"King's fund\", as 'kings-fund' has (data/" in line for line in lines), lines
    assert any("acronym: 'residents' has the acronym 'pct', as 'pct' has (data/figures/funding.yaml:" in line
               for line in lines), lines
    strict = run("validate", "--strict", "data")
    assert strict.exit_code == 1 and "2 warnings with --strict" in strict.output


def test_real_data_names_each_body_once():
    result = run("validate", "--strict", str(ROOT / "data"))
    assert result.exit_code == 0, result.output


def test_route_treats_an_ambiguous_acronym_like_an_ambiguous_name(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert run("route", "NSF", "pct", "--data", str(data)).exit_code == 0  # one body is the NSF
    _edit(data / "figures" / "mental-health-services.yaml", "    label: NSF for Older People\n",
          "    label: NSF for Older People\n    acronym: NSF\n")
    result = run("route", "NSF", "pct", "--data", str(data))
    assert result.exit_code == 2, result.output  # abbreviations.yaml's NSF no longer settles it silently
    assert "nsf-mental-health" in result.output and "nsf-older-people" in result.output


def test_serve_accepts_a_burst_of_loopback_connections(good_copy):
    from policymap.serve import PreviewServer

    count = 100  # more than the default backlog of 5, fewer than ours

    with PreviewServer(good_copy, port=0) as server:
        assert server._httpd.request_queue_size >= 128
        start = threading.Barrier(count)

        def get(_):
            start.wait()
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
                sock.sendall(f"GET /__policymap/state HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                             "Connection: close\r\n\r\n".encode())
                reply = b""
                while chunk := sock.recv(65536):
                    reply += chunk
            return reply.split(b" ", 2)[1]

        with ThreadPoolExecutor(count) as pool:
            statuses = list(pool.map(get, range(count)))  # before: some waited past the 10 s timeout
    assert statuses == [b"200"] * count
