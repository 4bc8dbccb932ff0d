"""Rewrite the routes each case in routes.json expects from what policymap.routes finds now.

Run it after a data change moves a route (`python tests/cases/regenerate_routes.py`), review the
diff, then check that `node --test tests/js/` still agrees: the page must read each route the same.
The names each case asks about, and its map, stay as written.
"""

import json
from pathlib import Path

from policymap.loader import load_project
from policymap.routes import body_aliases, find_routes, resolve_body
from policymap.site import gather_pages

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "routes.json"


def main() -> None:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    project = load_project(ROOT / "data")
    graphs = {map_id: page.graph for map_id, page in gather_pages(project).items()}
    aliases = body_aliases(project)
    for case in cases["routes"]:
        graph = graphs[case["map"]]
        source, target = (resolve_body(graph, case[end], aliases) for end in ("from", "to"))
        routes, case["count"] = find_routes(graph, source, target, all_routes=True, limit=5)
        case["routes"] = [{"nodes": r.nodes, "edges": r.edges, "sentences": r.sentences} for r in routes]
    CASES.write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {CASES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
