"""Measure policymap's build and draw times against pyvis's default path; print a table.

    python benchmarks/bench.py            # everything (a few minutes: pyvis is capped at 60 s a graph)
    python benchmarks/bench.py --quick    # skip the 5,000-node pyvis run

Targets (from the project's issues): a 1,000-node map drawn within 1 s and at
least 50 times sooner than pyvis's default; a 5,000-node build under 2 s;
shipped map pages under 60 KB each apart from the shared assets; a cold build
of the shipped site under 1.5 s; `policymap validate` under 0.5 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
DRAW_CAP = 60.0

# Records the first drawing call on any canvas, as milliseconds since navigation started.
FIRST_DRAW_SCRIPT = """
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fill', 'stroke', 'fillText', 'drawImage']) {
    const original = proto[name];
    proto[name] = function (...args) {
      if (window.__firstDraw === undefined && this.canvas.width > 0) window.__firstDraw = performance.now();
      return original.apply(this, args);
    };
  }
})();
"""


def timed(command: list[str], repeat: int = 3) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_pairs(count: int, seed: int = 7) -> list[tuple[int, int]]:
    """1.5 edges per node: a spanning tree (so every node is linked) plus random extra edges."""
    rng = random.Random(seed + 1)
    pairs = {(rng.randrange(i), i) for i in range(1, count)}
    while len(pairs) < count * 3 // 2:
        a, b = rng.randrange(count), rng.randrange(count)
        if a != b and (b, a) not in pairs:
            pairs.add((a, b))
    return sorted(pairs)


def write_synthetic(folder: Path, count: int, seed: int = 7) -> None:
    """A data folder with one map of ``count`` nodes and 1.5 edges per node."""
    rng = random.Random(seed)
    levels = ["national", "regional", "local", "neighbourhood"]
    kinds = ["government-department", "national-body", "regional-body", "local-body", "programme", "fund", "partnership"]
    lines = ["id: synthetic", f"title: Synthetic map of {count} nodes", "caption: Generated for benchmarks.",
             'as_of: "2026"', "nodes:"]
    for i in range(count):
        lines += [f"  - id: n{i}", f"    label: Body number {i}", f"    kind: {rng.choice(kinds)}",
                  f"    level: {levels[i * 4 // count]}", f"    role: Synthetic body {i} for measuring builds.",
                  "    pages: [1]"]
    lines.append("edges:")
    for a, b in synthetic_pairs(count, seed):
        lines.append(f"  - {{source: n{a}, target: n{b}, relation: links-to, evidence: stated, page: 1}}")
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "synthetic.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def pyvis_default(count: int, out: Path, seed: int = 7) -> float:
    """Build the same graph the way pyvis documents it; return the build time in seconds."""
    start = time.perf_counter()
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")  # "local" and "remote" draw nothing offline
    for i in range(count):
        net.add_node(f"n{i}", label=f"Body number {i}")
    for a, b in synthetic_pairs(count, seed):
        net.add_edge(f"n{a}", f"n{b}")
    net.write_html(str(out), notebook=False)
    return time.perf_counter() - start


def draw_time(browser, url: str, cap: float = DRAW_CAP) -> float | None:
    """Seconds from navigation to the first frame drawn on a canvas, or None past ``cap``."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.add_init_script(FIRST_DRAW_SCRIPT)
    page.goto(url, wait_until="commit")
    deadline = time.perf_counter() + cap
    result = None
    while time.perf_counter() < deadline:
        first = page.evaluate("window.__firstDraw")
        if first is not None:
            result = first / 1000
            break
        page.wait_for_timeout(50)
    page.close()
    return result


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip pyvis's 5,000-node run")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="policymap-bench-"))
    rows: list[tuple[str, str, str]] = []
    try:
        validate = timed([sys.executable, "-m", "policymap", "validate", "data"], 5)
        rows.append(("policymap validate, shipped maps", f"{validate:.2f} s", "< 0.5 s"))
        cold = timed([sys.executable, "build.py", "--out", str(work / "site")], 5)
        rows.append(("cold python build.py, shipped maps", f"{cold:.2f} s", "< 1.5 s"))
        site = work / "site"
        shared_data = site / "assets" / "site-data.js"
        assets = sum(p.stat().st_size for p in (site / "assets").rglob("*") if p.is_file() and p != shared_data)
        for page in sorted(site.glob("*.html")):
            rows.append((f"page {page.name}", kb(page.stat().st_size), "< 60 KB" if page.name not in (
                "index.html", "glossary.html") else ""))
        rows.append(("shared assets (vis-network, CSS, JS)", kb(assets), "once for all pages"))
        rows.append(("shared site data (bodies, relations, terms)", kb(shared_data.stat().st_size),
                     "once for all map pages"))

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for count in (100, 1000, 5000):
                data = work / f"data-{count}"
                write_synthetic(data, count)
                out = work / f"site-{count}"
                build = timed([sys.executable, "-m", "policymap", "build", "--data", str(data), "--out", str(out)], 1)
                page = out / "synthetic.html"
                ours = draw_time(browser, page.as_uri())
                rows.append((f"{count:,} nodes: our build", f"{build:.2f} s", "< 2 s" if count == 5000 else ""))
                rows.append((f"{count:,} nodes: our page size", kb(page.stat().st_size), "plus shared assets"))
                rows.append((f"{count:,} nodes: our shared site data", kb((out / "assets" / "site-data.js").stat().st_size),
                             "bodies and relations"))
                rows.append((f"{count:,} nodes: our first drawn frame", f"{ours:.2f} s" if ours else "not drawn",
                             "< 1 s" if count == 1000 else ""))
                if options.quick and count == 5000:
                    continue
                theirs_html = work / f"pyvis-{count}.html"
                code = (f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import bench; "
                        f"print(bench.pyvis_default({count}, __import__('pathlib').Path({str(theirs_html)!r})))")
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
                theirs_build = time.perf_counter() - start
                theirs = draw_time(browser, theirs_html.as_uri())
                rows.append((f"{count:,} nodes: pyvis default build (import, add_node/add_edge, write_html)",
                             f"{theirs_build:.2f} s", f"ratio {theirs_build / build:.1f}x ours"))
                shown = f"{theirs:.2f} s" if theirs else f"not drawn in {DRAW_CAP:.0f} s"
                ratio = (theirs or DRAW_CAP) / ours if ours else float("nan")
                rows.append((f"{count:,} nodes: pyvis default first drawn frame", shown,
                             f"{'>' if theirs is None else ''}{ratio:.0f}x later than ours" + (" (target >= 50x)" if count == 1000 else "")))
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':>14}  note")
    for name, value, note in rows:
        print(f"{name.ljust(width)}  {value:>14}  {note}")


if __name__ == "__main__":
    main()
