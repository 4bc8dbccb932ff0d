/* views/twin.js: the text version. Every body with its role and relations, as a list: for
   keyboard and screen-reader users, for print, and for anyone who prefers reading to looking.
   The bodies' names are one tab stop: arrow keys move between them, Enter selects one on the
   map (links to bodies are handled in main.js). Written after the first frame: on large maps it
   is thousands of elements, and the map comes first. */

const { el } = pm.dom;

function renderTwin(data) {
  const list = document.getElementById("twin-list");
  if (!list || list.children.length) {
    return; // none on this page, or written by the build
  }
  const ids = Object.keys(data.nodes).sort((a, b) =>
    data.nodes[a].label.toLowerCase().localeCompare(data.nodes[b].label.toLowerCase()) || a.localeCompare(b));
  ids.forEach((id, index) => {
    const node = data.nodes[id];
    const heading = el("h3", {}, el("a", { href: "#node=" + id, "data-node": id, class: "twin-link",
      tabindex: index === 0 ? "0" : "-1" }, node.label));
    if (node.acronym) {
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(el("abbr", {}, "(" + node.acronym + ")"));
    }
    const entry = el("li", { id: "twin-" + id, class: "twin-entry" }, heading,
      el("p", { class: "meta" }, node.kind_label + " \u00b7 " + node.level_label), el("p", {}, node.role));
    const related = data.edgesOf.get(id) || [];
    if (related.length) {
      entry.appendChild(el("ul", { class: "relations" },
        ...related.map((edge) => pm.views.panel.relationItem(edge, id, false, { tabindex: "-1" }))));
    }
    list.appendChild(entry);
  });
}

/* Arrow keys, Home and End move along the names; one of them is the tab stop. */
function wireTwin() {
  const list = document.getElementById("twin-list");
  if (!list) {
    return;
  }
  list.addEventListener("keydown", (event) => {
    const link = event.target.closest(".twin-link");
    if (!link || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const links = Array.from(list.querySelectorAll(".twin-link"));
    const at = links.indexOf(link);
    const moves = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: links.length - 1 };
    if (!(event.key in moves)) {
      return;
    }
    event.preventDefault();
    const target = links[Math.min(Math.max(moves[event.key], 0), links.length - 1)];
    links.forEach((other) => other.setAttribute("tabindex", other === target ? "0" : "-1"));
    target.focus();
  });
  list.addEventListener("focusin", (event) => {
    const link = event.target.closest(".twin-link");
    if (link) {
      list.querySelectorAll(".twin-link").forEach((other) => other.setAttribute("tabindex", other === link ? "0" : "-1"));
    }
  });
}

pm.views.twin = { renderTwin, wireTwin };
