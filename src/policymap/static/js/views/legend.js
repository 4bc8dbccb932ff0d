/* views/legend.js: the legend and filters, for the kinds, levels and relations this map uses
   (styles from the site data, in the vocabulary's order), with the case-study layer and Figure 1's
   layers on the whole-system map. Ticks, counts and the status line follow the state; the status
   says what the filters hide. Each kind and level also has a Highlight toggle (the showcase: that
   kind or level at full strength, the rest faded but kept), cleared by Clear highlight or Escape. */

const { el, shapeSwatch, lineSwatch } = pm.dom;

function tally(values) {
  return values.reduce((counts, value) => counts.set(value, (counts.get(value) || 0) + 1), new Map());
}

function build(holder, data, styles) {
  const ids = Object.keys(data.nodes);
  const kinds = tally(ids.map((id) => data.nodes[id].kind));
  const levels = tally(ids.map((id) => data.nodes[id].level));
  const relations = tally(data.edges.map((edge) => edge.relation));
  const implied = data.edges.filter((edge) => edge.evidence === "implied").length;
  const count = (n, hidden) => el("span", { class: "count", "data-total": hidden ? null : n }, String(n),
    el("span", { class: "visually-hidden" }, " on this map"));
  const highlight = (group, id, label) => group === "relation" ? null
    : el("button", { type: "button", class: "showcase-toggle", "data-showcase": group, value: id, "aria-pressed": "false",
      title: "Highlight " + (group === "kind" ? "the bodies of this kind" : "the bodies at this level") + "; fade the rest" },
    "Highlight", el("span", { class: "visually-hidden" }, " " + label + (group === "level" ? " bodies" : "")));
  const item = (group, id, label, n, swatch) => el("li", { id: "legend-" + group + "-" + id },
    el("label", {}, el("input", { type: "checkbox", "data-filter": group, value: id, checked: true }),
      " ", swatch, el("span", { class: "legend-label" }, label)), " ", count(n), highlight(group, id, label));
  const fieldset = (attributes, legend, ...children) => el("fieldset", attributes, el("legend", {}, ...legend), ...children);
  if (kinds.size) {
    const items = styles.kinds.filter(([id]) => kinds.has(id)).map(([id, colour, fill, shape]) =>
      item("kind", id, data.kinds[id] || id, kinds.get(id), shapeSwatch(shape, colour, fill)));
    holder.appendChild(fieldset({ class: "filter-group" }, ["Bodies"], el("ul", { class: "legend-list" }, ...items)));
  }
  if (levels.size) {
    const items = styles.levels.filter((id) => levels.has(id)).map((id) => item("level", id, data.levels[id] || id, levels.get(id), null));
    holder.appendChild(fieldset({ class: "filter-group filter-levels" }, ["Levels"], el("ul", { class: "legend-list legend-levels" }, ...items)));
  }
  if (relations.size) {
    const items = styles.relations.filter(([id]) => relations.has(id)).map(([id, colour, arrow, width]) =>
      item("relation", id, data.relations[id][2], relations.get(id), lineSwatch(colour, false, arrow, width)));
    const lists = [el("ul", { class: "legend-list" }, ...items)];
    if (implied) {
      lists.push(el("ul", { class: "legend-list" }, el("li", { id: "legend-implied" },
        el("span", { class: "no-box", "aria-hidden": "true" }), lineSwatch("#4a5563", true),
        el("span", { class: "legend-label" }, "dashed: implied by the guide, not stated"), " ", count(implied, true))));
    }
    const choice = (value, label) => el("label", {},
      el("input", { type: "radio", name: "relation-labels", value: value, checked: value === "auto" }), " " + label);
    lists.push(fieldset({ class: "relation-names", id: "relation-names" }, ["Names on the map"],
      choice("auto", "where there is room"), choice("all", "all"), choice("none", "none")));
    holder.appendChild(fieldset({ class: "filter-group" },
      ["Relations ", el("span", { class: "hint-inline" }, "(arrow points from subject to object)")], ...lists));
  }
  if (!data.whole) {
    return;
  }
  const studies = ids.filter((id) => data.nodes[id].case_study).length;
  if (studies) {
    holder.appendChild(fieldset({ class: "filter-group", id: "case-study-layer" }, ["Case studies (Section 4)"],
      el("label", {}, el("input", { type: "checkbox", id: "show-case-studies", checked: true }),
        " Show the " + studies + " bodies of the guide's case studies")));
  }
  const layers = tally(ids.map((id) => data.nodes[id].layer || "none"));
  const keys = styles.layers.filter(([id]) => layers.has(id)).map(([id, colour, fill, label]) => {
    const swatch = el("span", { class: "layer-swatch", "aria-hidden": "true" });
    swatch.style.background = fill;
    swatch.style.borderColor = colour;
    return el("li", {}, swatch, el("span", { class: "legend-label" }, label), " ", el("span", { class: "count" }, String(layers.get(id))));
  });
  const radio = (value, label, checked) => el("label", {},
    el("input", { type: "radio", name: "colour-by", value: value, checked: checked }), " " + label);
  holder.appendChild(fieldset({ class: "filter-group", id: "layer-colours" }, ["Colour bodies by"],
    radio("kind", "their kind", true), radio("layer", "Figure 1's layers of influence on health", false),
    el("ul", { class: "legend-list layer-key" }, ...keys),
    el("p", { class: "hint" }, "The guide (pp 11\u201312) sees regeneration partnerships working mostly upstream and "
      + "midstream, and mental health services downstream.")));
}

/* What the filters hide, in words: "18 case-study bodies hidden", "6 NHS bodies hidden (kind)". */
function hiddenText(data, state) {
  const f = state.filters;
  const ids = Object.keys(data.nodes);
  const parts = [];
  const bodies = (n) => (n === 1 ? "1 body" : n + " bodies");
  f.kind.forEach((kind) => {
    const n = ids.filter((id) => data.nodes[id].kind === kind).length;
    parts.push(bodies(n) + " of the kind \u201c" + (data.kinds[kind] || kind) + "\u201d");
  });
  f.level.forEach((level) => {
    const n = ids.filter((id) => data.nodes[id].level === level).length;
    parts.push(n + " " + (data.levels[level] || level).toLowerCase() + (n === 1 ? " body" : " bodies"));
  });
  f.relation.forEach((relation) => {
    const n = data.edges.filter((edge) => edge.relation === relation).length;
    parts.push(n + " \u201c" + data.relations[relation][2] + "\u201d " + (n === 1 ? "relation" : "relations"));
  });
  if (f.caseStudies === false) {
    const n = ids.filter((id) => data.nodes[id].case_study).length;
    parts.push(n + (n === 1 ? " case-study body" : " case-study bodies"));
  }
  if (!parts.length) {
    return "Showing everything.";
  }
  const hide = pm.select.hidden(data, state);
  return "Hidden: " + pm.text.listText(parts) + ". Showing " + (ids.length - hide.nodes.size) + " of " + ids.length
    + " bodies and " + (data.edges.length - hide.edges.size) + " of " + data.edges.length + " relations.";
}

function createLegend(data, store, styles) {
  const holder = document.getElementById("legend-groups");
  const legend = document.getElementById("legend");
  const toggle = document.getElementById("legend-toggle");
  const status = document.getElementById("filter-status");
  const reset = document.querySelector("[data-action='reset-filters']");
  const unhighlight = document.querySelector("[data-action='clear-showcase']");
  const showcaseStatus = document.getElementById("showcase-status");
  /* The groups are built when the legend is first shown, or once the map's first frame is on
     screen (finish(), from main.js): a folded legend is not worth keeping the map waiting. */
  let built = false;
  function buildOnce() {
    if (!built && holder && styles) {
      build(holder, data, styles);
    }
    built = true;
  }
  if (toggle) {
    toggle.disabled = false;
    toggle.addEventListener("click", () => store.dispatch({ type: "panel", name: "legend", open: !store.getState().panels.legend, moveFocus: true }));
  }
  if (legend) {
    legend.addEventListener("change", (event) => {
      const input = event.target;
      if (input.matches("[data-filter]")) {
        store.dispatch({ type: "filter", group: input.getAttribute("data-filter"), id: input.value, shown: input.checked });
      } else if (input.id === "show-case-studies") {
        store.dispatch({ type: "case-studies", shown: input.checked });
      } else if (input.name === "colour-by" && input.checked) {
        store.dispatch({ type: "colour-by", value: input.value });
      } else if (input.name === "relation-labels" && input.checked) {
        store.dispatch({ type: "relation-labels", value: input.value });
      }
    });
  }
  if (reset) {
    reset.addEventListener("click", () => store.dispatch({ type: "filters-reset" }));
  }
  if (legend) {
    legend.addEventListener("click", (event) => {
      const button = event.target.closest("[data-showcase]");
      if (button) {
        store.dispatch({ type: "showcase", showcase: { group: button.getAttribute("data-showcase"), id: button.value }, toggle: true });
      }
    });
  }
  if (unhighlight) {
    unhighlight.addEventListener("click", () => {
      const row = document.querySelector("[data-showcase][aria-pressed='true']");
      store.dispatch({ type: "showcase", showcase: null });
      if (row) {
        row.focus({ preventScroll: true }); // the cleared button's own place, not the body
      }
    });
  }

  function renderShowcase(state) {
    const on = state.showcase;
    document.querySelectorAll("[data-showcase]").forEach((button) => {
      const pressed = Boolean(on && button.getAttribute("data-showcase") === on.group && button.value === on.id);
      button.setAttribute("aria-pressed", String(pressed));
      button.closest("li").classList.toggle("showcased", pressed);
    });
    if (unhighlight) {
      unhighlight.hidden = !on;
    }
    if (showcaseStatus) {
      showcaseStatus.hidden = !on;
      showcaseStatus.textContent = on ? "Highlighting " + pm.store.showcaseText(data, on) + "; the rest is faded." : "";
    }
  }

  function render(state, previous, action) {
    if (!built) {
      if (!state.panels.legend) {
        return; // folded, as the page has it
      }
      buildOnce();
      previous = undefined; // everything in it is new
    }
    if (legend) {
      legend.hidden = !state.panels.legend;
      if (toggle) {
        toggle.setAttribute("aria-expanded", String(state.panels.legend));
      }
      if (state.panels.legend && action && action.type === "panel" && action.name === "legend" && action.moveFocus
          && state.mode === "present") {
        pm.dom.focusIn(document.getElementById("legend-heading"));
      }
    }
    if (!previous || previous.showcase !== state.showcase) {
      renderShowcase(state);
    }
    if (!previous || previous.relationLabels !== state.relationLabels) {
      document.querySelectorAll("input[name='relation-labels']").forEach((input) => { input.checked = input.value === state.relationLabels; });
    }
    if (previous && ["filters", "colourBy", "at", "endedView", "mode"].every((key) => previous[key] === state[key])) {
      return;
    }
    const hide = pm.select.hidden(data, state);
    // Counts are of what the map holds at the date shown: bodies that came later are not "hidden".
    const dated = pm.timeline.hiddenAt(data, state) || { nodes: new Set(), edges: new Set() };
    document.querySelectorAll("[data-filter]").forEach((input) => {
      const group = input.getAttribute("data-filter");
      input.checked = state.filters[group].indexOf(input.value) < 0;
      const item = input.closest("li");
      const badge = item && item.querySelector(".count");
      if (!badge) {
        return;
      }
      const members = group === "relation"
        ? data.edges.filter((edge) => edge.relation === input.value).map((edge) => edge.id)
        : Object.keys(data.nodes).filter((id) => data.nodes[id][group] === input.value);
      const gone = group === "relation" ? dated.edges : dated.nodes;
      const hidden = group === "relation" ? hide.edges : hide.nodes;
      const total = members.filter((id) => !gone.has(id)).length;
      const shown = members.filter((id) => !hidden.has(id)).length;
      badge.firstChild.textContent = shown === total ? String(total) : shown + "/" + total;
      item.classList.toggle("filtered-out", shown === 0);
    });
    const studies = document.getElementById("show-case-studies");
    if (studies) {
      studies.checked = state.filters.caseStudies !== false;
    }
    document.querySelectorAll("input[name='colour-by']").forEach((input) => { input.checked = input.value === state.colourBy; });
    const colours = document.getElementById("layer-colours");
    if (colours) {
      colours.classList.toggle("by-layer", state.colourBy === "layer");
    }
    if (status) {
      status.textContent = hiddenText(data, state);
    }
    if (reset) {
      reset.disabled = !pm.store.filtersActive(state.filters);
    }
  }

  function finish() {
    if (!built) {
      buildOnce();
      render(store.getState(), undefined, null);
    }
  }

  return { render: render, finish: finish };
}

pm.views.legend = { createLegend, hiddenText };
