/* views/panel.js: the details panel for the selected body or relation. Rendered from the
   selection; its links and buttons dispatch. Relation sentences here are also used by the text
   version (relationItem). */

const { el } = pm.dom;

/* A link to another body: a click selects it without leaving the page (see main.js). */
function nodeLink(id, text, attributes) {
  return el("a", Object.assign({ href: "#node=" + id, "data-node": id }, attributes || {}), text);
}

function relationMeta(edge) {
  const meta = el("span", { class: "rel-meta" }, "(");
  if (edge.evidence === "implied") {
    meta.appendChild(el("em", { class: "implied" }, "implied"));
    meta.appendChild(document.createTextNode("; "));
  }
  if (edge.later) {
    meta.appendChild(el("span", { class: "since-guide" }, "since the guide: " + (edge.sources || []).join("; ")));
    meta.appendChild(document.createTextNode(")"));
    return meta;
  }
  meta.appendChild(document.createTextNode("the guide, p " + edge.page + ")"));
  return meta;
}

/* "Came from" and "Became": each step with its date and sources, its bodies as links that show
   the map at a date they stand (store.selectNode moves the date). */
function lineageSections(data, node) {
  const lineage = (data.lineage || {})[node.id];
  if (!lineage) {
    return [];
  }
  const item = (step) => {
    const li = el("li", {}, el("span", { class: "lineage-date" }, step.date_text + ": "), step.text + " ");
    step.bodies.filter((b) => data.nodes[b.id]).forEach((b, i) => {
      li.appendChild(document.createTextNode(i ? ", " : "See "));
      li.appendChild(nodeLink(b.id, b.label));
    });
    if (step.sources.length) {
      li.appendChild(el("span", { class: "since-guide" }, " Since the guide: " + step.sources.join("; ") + "."));
    }
    if (step.note) {
      li.appendChild(el("span", { class: "relation-note" }, step.note));
    }
    return li;
  };
  const parts = [];
  if (lineage.came_from && lineage.came_from.length) {
    parts.push(...section("Came from", el("ul", { class: "lineage" }, ...lineage.came_from.map(item))));
  }
  if (lineage.became_steps && lineage.became_steps.length) {
    parts.push(...section("Became", el("ul", { class: "lineage" }, ...lineage.became_steps.map(item))));
  }
  return parts;
}

/* One relation as a sentence; the end that is not `id` is a link selecting it. */
function relationItem(edge, id, withNote, linkAttributes) {
  const item = el("li", {});
  if (edge.source === id) {
    item.appendChild(document.createTextNode(edge.subject + " " + edge.reading + " "));
    item.appendChild(nodeLink(edge.target, edge.object, linkAttributes));
  } else {
    item.appendChild(nodeLink(edge.source, edge.subject, linkAttributes));
    item.appendChild(document.createTextNode(" " + edge.reading + " " + edge.object));
  }
  item.appendChild(document.createTextNode(" "));
  item.appendChild(relationMeta(edge));
  if (edge.note && withNote !== false) {
    item.appendChild(el("span", { class: "relation-note" }, edge.note));
  }
  return item;
}

function kindSwatch(data, kind) {
  const look = data.kindStyles.get(kind);
  return look ? pm.dom.shapeSwatch(look.shape, look.colour, look.fill) : null;
}

function panelHead(title, insideTour) {
  const heading = el("h2", { id: "details-heading", tabindex: "-1" }, title);
  const close = el("button", { type: "button", class: "button", "data-action": "close",
    "aria-label": insideTour ? "Close details and return to the tour step" : "Close details" },
  insideTour ? "Back to the tour" : "Close");
  return el("div", { class: "details-head" }, heading, close);
}

function section(title, ...children) {
  return [el("h3", {}, title)].concat(children);
}

/* Radio buttons choosing how far the focus on a body reaches (keys 1, 2 and 0 too). */
function focusControl() {
  const choices = [[1, "Neighbours"], [2, "Two steps"], [0, "Everything"]];
  const group = el("fieldset", { class: "focus-depth" }, el("legend", {}, "Show around it"));
  choices.forEach(([depth, text]) => {
    const input = el("input", { type: "radio", name: "focus-depth", value: String(depth), "data-focus-depth": String(depth) });
    group.appendChild(el("label", {}, input, " " + text + " ", el("kbd", { "aria-hidden": "true" }, String(depth))));
  });
  return group;
}

function nodeDetails(data, node, insideTour) {
  const parts = [panelHead(node.label, insideTour)];
  if (node.acronym) {
    parts.push(el("p", { class: "acronym" }, el("abbr", {}, node.acronym), ": " + (node.acronym_expansion || node.label)));
  }
  parts.push(el("p", { class: "kind" }, kindSwatch(data, node.kind), node.kind_label + " · " + node.level_label));
  parts.push(el("p", { class: "role" }, node.role));
  parts.push(focusControl());
  if (node.description) {
    parts.push(el("p", {}, node.description));
  }
  if (node.figure_note) {
    parts.push(el("p", { class: "note" }, el("strong", {}, "On this map: "), node.figure_note));
  }
  if (node.layer) {
    const layer = (data.layers || {})[node.layer];
    parts.push(el("p", { class: "meta" }, "Figure 1 layer of influence on health (pp 11\u201312): " + (layer ? layer.label : node.layer)));
  }
  if (node.case_study) {
    const study = data.nodes[node.case_study];
    const project = node.case_study_role === "project";
    parts.push(el("p", { class: "note" }, el("strong", {}, "Case study: "),
      project ? "one of the guide's Section 4 case studies" + (node.place ? ", in " + node.place : "") + "." : "a partner in ",
      project ? null : nodeLink(node.case_study, study ? study.label : node.case_study), project ? null : "."));
  }
  if (node.facts && node.facts.length) {
    parts.push(...section(node.case_study_role === "project" ? "Key figures" : "Facts", el("ul", {}, ...node.facts.map((fact) =>
      el("li", {}, fact.text + " ", el("span", { class: "page-ref" }, "(p " + fact.page + ")"))))));
  }
  if (node.lessons && node.lessons.length) {
    parts.push(...section("What it teaches", el("ul", {}, ...node.lessons.map((lesson) =>
      el("li", {}, lesson.text + " ", el("span", { class: "page-ref" }, "(p " + lesson.page + ")"))))));
  }
  if (node.partner_in && node.partner_in.length) {
    parts.push(...section("In the case studies", el("ul", {}, ...node.partner_in.map((part) =>
      el("li", {}, data.nodes[part.case_study] ? nodeLink(part.case_study, part.title) : part.title,
        part.name ? " (" + part.name + ")" : "", part.role ? ": " + part.role : "")))));
  }
  const related = data.edgesOf.get(node.id) || [];
  const outgoing = related.filter((edge) => edge.source === node.id);
  const incoming = related.filter((edge) => edge.target === node.id && edge.source !== node.id);
  if (outgoing.length || incoming.length) {
    parts.push(...section("Relations", el("ul", { class: "relations" },
      ...outgoing.concat(incoming).map((edge) => relationItem(edge, node.id)))));
  }
  if (node.glossary && node.glossary.length) {
    const list = el("dl", {});
    node.glossary.forEach((entry) => {
      list.appendChild(el("dt", {}, entry.term));
      list.appendChild(el("dd", {}, entry.definition));
    });
    parts.push(...section("Glossary", list));
  }
  parts.push(...lineageSections(data, node));
  if (node.pages_text) {
    parts.push(el("p", { class: "meta" }, "The guide, " + node.pages_text));
  }
  if (node.later) {
    parts.push(el("p", { class: "meta since-guide" }, "Not in the guide: " + (node.from_text ? "from " + node.from_text + ". " : "")
      + "Since the guide: " + (node.sources || []).join("; ") + "."));
  }
  if (node.website) {
    const href = pm.text.safeHref(node.website.url);
    const year = String(data.figure.as_of || "").slice(0, 4);
    const link = href
      ? el("a", { href: href, rel: "noopener noreferrer" }, node.website.printed || node.website.url)
      : el("span", {}, node.website.printed || node.website.url);
    parts.push(...section("Website", el("p", {}, node.website.name + ": ", link),
      el("p", { class: "historic" }, "Historic address: as printed" + (year ? " in " + year : "") + ", may no longer work.")));
  }
  if (node.note) {
    parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), node.note));
  }
  if (node.source) {
    parts.push(el("p", { class: "meta" }, "Source: " + node.source));
  }
  if (node.also_in && node.also_in.length) {
    parts.push(...section(data.whole ? "Comes from" : "Also in", el("ul", {}, ...node.also_in.map((other) =>
      el("li", {}, el("a", { href: other.url }, (other.number ? "Figure " + other.number + ": " : "") + other.title))))));
  }
  return parts;
}

function edgeDetails(edge, insideTour) {
  const sentence = el("p", { class: "role" }, nodeLink(edge.source, edge.subject), " " + edge.reading + " ",
    nodeLink(edge.target, edge.object), " ", relationMeta(edge));
  const parts = [panelHead("Relation: " + edge.relation_label, insideTour), sentence];
  parts.push(el("p", { class: "meta" }, edge.later
    ? (edge.evidence === "implied" ? "Implied by its source, which does not say it in so many words." : "Stated in its source.")
    : edge.evidence === "implied"
      ? "Implied: it follows from the guide's text, which does not say it in so many words." : "Stated in the guide."));
  if (edge.note) {
    parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), edge.note));
  }
  return parts;
}

function createPanel(data, store) {
  const details = document.getElementById("details");
  const sidebar = details.parentElement;
  let focusBefore = null;
  let shown = null; // the selection and tour the panel was last filled for

  details.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='close']")) {
      store.dispatch({ type: "clear" });
    }
  });
  details.addEventListener("change", (event) => {
    const input = event.target.closest("[data-focus-depth]");
    if (input) {
      store.dispatch({ type: "focus-depth", depth: Number(input.value) });
    }
  });

  function render(state, previous, action) {
    const sel = state.selection && state.selection.type !== "route" ? state.selection : null;
    const moveFocus = Boolean(action && action.moveFocus);
    const key = sel ? sel.type + ":" + sel.id + ":" + Boolean(state.tour) : null;
    if (key !== shown) {
      const hadFocus = details.contains(document.activeElement);
      if (sel && moveFocus && !hadFocus) {
        focusBefore = document.activeElement;
      }
      details.textContent = "";
      if (sel) {
        const parts = sel.type === "node" ? nodeDetails(data, data.nodes[sel.id], Boolean(state.tour))
          : edgeDetails(data.edgesById.get(sel.id), Boolean(state.tour));
        parts.forEach((part) => details.appendChild(part));
        sidebar.scrollTop = 0;
      } else if (hadFocus) {
        const tourHeading = state.tour && document.getElementById("tour-heading");
        const back = tourHeading || (focusBefore && document.body.contains(focusBefore) && focusBefore !== document.body
          ? focusBefore : document.getElementById("search-input"));
        pm.dom.focusIn(back);
        focusBefore = null;
      }
      details.hidden = !sel;
      shown = key;
    }
    details.querySelectorAll("[data-focus-depth]").forEach((input) => {
      input.checked = Number(input.value) === state.focusDepth;
    });
    if (sel && moveFocus) {
      pm.dom.focusIn(document.getElementById("details-heading"));
    }
  }

  return { render: render };
}

pm.views.panel = { createPanel, relationItem, nodeLink };
