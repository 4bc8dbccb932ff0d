/* policymap: the one script shared by every page (plain ES2017, no build step).
 *
 * Map pages carry their view inline in <script type="application/json" id="policymap-data">
 * (positions, tours, presentation layout); what they share (bodies, relations, terms, styles)
 * comes once from assets/site-data.js. Other pages have neither and this script only honours
 * ?present there. All text from the data
 * goes into the page through textContent and createElement, never as markup.
 *
 * Workshop mode: presentation (button, P key, ?present; Escape leaves), guided tours
 * (#tour=<id>&step=<n>; arrows, Page Up/Down and space step through), focus on a body's
 * neighbours (keys 1, 2 and 0), filters by kind, level and relation, PNG export and a print
 * handout.
 *
 * Exposes window.policymap = {network, data, tours, select(id), clear(), present(on),
 * setFilter(group, id, shown), resetFilters(), setFocusDepth(n), exportPng(), renderView(ratio)}
 * for tests.
 */
(function () {
  "use strict";

  const presentRequested = new URLSearchParams(location.search).has("present");
  if (presentRequested) {
    document.body.classList.add("present");
  }

  const dataElement = document.getElementById("policymap-data");
  if (!dataElement) {
    return;
  }
  const data = expand(JSON.parse(dataElement.textContent), window.policymapSite || {});

  /* A page carries its view (layout, tours, presentation); what the map pages share (bodies,
     relations, terms) comes once from assets/site-data.js. Join them, and spell out lookups once. */
  function expand(page, site) {
    const raw = Object.assign({}, page, {
      kinds: site.kinds || {}, levels: site.levels || {}, layers: site.layers || {},
      relations: site.relations || {}, glossary: site.glossary || {}, websites: site.websites || {},
      maps: site.maps || {}, edges: ((site.edges || {})[page.figure.id] || []).map((edge) => Object.assign({}, edge)),
      nodes: {},
    });
    raw.vis = Object.assign({ options: site.vis_options || {} }, page.vis);
    if (raw.present) {
      raw.present = Object.assign({ kinds: site.present_kinds || {} }, page.present);
    }
    const bodies = site.bodies || {};
    raw.vis.nodes.forEach((visNode) => {
      const id = visNode.id;
      const node = Object.assign({}, bodies[id] || { label: visNode.label, kind: visNode.group }, (page.nodes || {})[id]);
      Object.keys(node).forEach((key) => {
        if (node[key] === null) {
          delete node[key];
        }
      });
      raw.nodes[id] = node;
    });
    const maps = raw.maps;
    const mapName = (id) => (maps[id] && maps[id].number ? "Figure " + maps[id].number : (maps[id] || {}).title || id);
    Object.keys(raw.nodes).forEach((id) => {
      const node = raw.nodes[id];
      node.id = id;
      node.kind_label = raw.kinds[node.kind] || node.kind;
      node.level_label = raw.levels[node.level] || node.level;
      node.subj = node.subj || node.label; // "The Neighbourhood Renewal Unit" at the start of a sentence
      node.obj = node.obj || node.label; // "the Neighbourhood Renewal Unit", "local authorities" mid-sentence
      node.acronym_expansion = node.acronym ? node.acronym_expansion || node.label : null;
      node.facts = node.facts || [];
      node.pages = node.pages || [];
      node.glossary = (node.glossary || []).filter((t) => raw.glossary[t]).map((t) => ({
        id: t, term: raw.glossary[t].term, definition: raw.glossary[t].definition }));
      node.website = node.website && raw.websites[node.website] ? raw.websites[node.website] : null;
      node.also_in = (node.figures || []).filter((m) => m !== page.figure.id && maps[m]).map((m) => ({
        number: maps[m].number, title: maps[m].title, url: maps[m].url + "#node=" + id }));
    });
    raw.edges.forEach((edge, index) => {
      const reading = raw.relations[edge.relation];
      const source = raw.nodes[edge.source];
      edge.id = page.vis.edges[index].id; // both lists hold the page's relations in one order
      edge.relation_label = reading[2];
      edge.reading = source.plural ? reading[1] : reading[0];
      edge.subject = source.subj || source.label;
      edge.object = raw.nodes[edge.target].obj;
    });
    const own = Object.keys(raw.nodes).sort().map((id) => ({
      id: id, label: raw.nodes[id].label, acronym: raw.nodes[id].acronym,
      terms: raw.nodes[id].glossary.map((entry) => entry.term), url: null }));
    const others = (site.search || []).filter((item) => !raw.nodes[item.id]);
    raw.search = own.concat(others.map((item) => Object.assign({}, item, {
      url: maps[item.map] ? maps[item.map].url + "#node=" + item.id : null, map: mapName(item.map) })));
    raw.tours = raw.tours || [];
    return raw;
  }
  const mapElement = document.getElementById("map");
  if (typeof vis === "undefined" || !mapElement) {
    showMapMessage("The map could not be drawn because its script did not load. The text version below has every body and relation.");
    return;
  }

  renderLegend(window.policymapSite && window.policymapSite.legend);

  /* The legend and filters, for the kinds, levels and relations this map uses (styles from the
     site data, in the vocabulary's order), with the case-study layer and Figure 1's layers on the
     whole-system map. Built before the filters are wired up below. */
  function renderLegend(styles) {
    const holder = document.getElementById("legend-groups");
    if (!holder || !styles) {
      return;
    }
    const ids = Object.keys(data.nodes);
    const tally = (values) => values.reduce((counts, value) => counts.set(value, (counts.get(value) || 0) + 1), new Map());
    const kinds = tally(ids.map((id) => data.nodes[id].kind));
    const levels = tally(ids.map((id) => data.nodes[id].level));
    const relations = tally(data.edges.map((edge) => edge.relation));
    const implied = data.edges.filter((edge) => edge.evidence === "implied").length;
    const count = (n, hidden) => el("span", { class: "count", "data-total": hidden ? null : n }, String(n),
      el("span", { class: "visually-hidden" }, " on this map"));
    const item = (group, id, label, n, swatch) => el("li", { id: "legend-" + group + "-" + id },
      el("label", {}, el("input", { type: "checkbox", "data-filter": group, value: id, checked: true, disabled: true }),
        " ", swatch, el("span", { class: "legend-label" }, label)), " ", count(n));
    const fieldset = (attributes, legend, ...children) => el("fieldset", attributes, el("legend", {}, ...legend), ...children);
    if (kinds.size) {
      const items = styles.kinds.filter(([id]) => kinds.has(id)).map(([id, colour, fill, shape]) =>
        item("kind", id, data.kinds[id] || id, kinds.get(id), shapeSwatch(shape, colour, fill)));
      holder.appendChild(fieldset({ class: "filter-group" }, ["Bodies"], el("ul", { class: "legend-list" }, ...items)));
    }
    if (levels.size) {
      const items = styles.levels.filter((id) => levels.has(id)).map((id) =>
        item("level", id, data.levels[id] || id, levels.get(id), null));
      holder.appendChild(fieldset({ class: "filter-group filter-levels" }, ["Levels"],
        el("ul", { class: "legend-list legend-levels" }, ...items)));
    }
    if (relations.size) {
      const items = styles.relations.filter(([id]) => relations.has(id)).map(([id, colour]) =>
        item("relation", id, data.relations[id][2], relations.get(id), lineSwatch(colour, false)));
      const lists = [el("ul", { class: "legend-list" }, ...items)];
      if (implied) {
        lists.push(el("ul", { class: "legend-list" }, el("li", { id: "legend-implied" },
          el("span", { class: "no-box", "aria-hidden": "true" }), lineSwatch("#4a5563", true),
          el("span", { class: "legend-label" }, "dashed: implied by the guide, not stated"), " ", count(implied, true))));
      }
      holder.appendChild(fieldset({ class: "filter-group" },
        ["Relations ", el("span", { class: "hint-inline" }, "(arrow points from subject to object)")], ...lists));
    }
    if (!data.whole) {
      return;
    }
    const studies = ids.filter((id) => data.nodes[id].case_study).length;
    if (studies) {
      holder.appendChild(fieldset({ class: "filter-group", id: "case-study-layer" }, ["Case studies (Section 4)"],
        el("label", {}, el("input", { type: "checkbox", id: "show-case-studies", checked: true, disabled: true }),
          " Show the " + studies + " bodies of the guide's case studies")));
    }
    const layers = tally(ids.map((id) => data.nodes[id].layer || "none"));
    const keys = styles.layers.filter(([id]) => layers.has(id)).map(([id, colour, fill, label]) => {
      const swatch = el("span", { class: "layer-swatch", "aria-hidden": "true" });
      swatch.style.background = fill;
      swatch.style.borderColor = colour;
      return el("li", {}, swatch, el("span", { class: "legend-label" }, label), " ",
        el("span", { class: "count" }, String(layers.get(id))));
    });
    const radio = (value, label, checked) => el("label", {},
      el("input", { type: "radio", name: "colour-by", value: value, checked: checked, disabled: true }), " " + label);
    holder.appendChild(fieldset({ class: "filter-group", id: "layer-colours" }, ["Colour bodies by"],
      radio("kind", "their kind", true), radio("layer", "Figure 1's layers of influence on health", false),
      el("ul", { class: "legend-list layer-key" }, ...keys),
      el("p", { class: "hint" }, "The guide (pp 11\u201312) sees regeneration partnerships working mostly upstream and "
        + "midstream, and mental health services downstream.")));
  }

  /* el() for SVG. */
  function svgEl(tag, attributes, ...children) {
    const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes).forEach((name) => element.setAttribute(name, String(attributes[name])));
    children.forEach((child) => element.appendChild(child));
    return element;
  }

  /* A 22x22 picture of a kind's node shape: filled with `fill`, outlined in `colour`. Decorative. */
  function shapeSwatch(shape, colour, fill) {
    const shapes = {
      box: ["rect", { x: 2, y: 5, width: 18, height: 12 }],
      pill: ["rect", { x: 2, y: 5, width: 18, height: 12, rx: 6 }],
      document: ["rect", { x: 2, y: 4, width: 18, height: 14, "stroke-dasharray": "3 2" }],
      ellipse: ["ellipse", { cx: 11, cy: 11, rx: 9.5, ry: 6.5 }],
    };
    const [tag, geometry] = shapes[shape] || shapes.box;
    const figure = svgEl(tag, Object.assign({}, geometry, { fill: fill, stroke: colour, "stroke-width": 2 }));
    return svgEl("svg", { class: "swatch", width: 22, height: 22, viewBox: "0 0 22 22", "aria-hidden": "true",
      focusable: "false" }, figure);
  }

  /* A relation's line and arrowhead, dashed for implied relations. Decorative. */
  function lineSwatch(colour, dashed) {
    const line = svgEl("line", Object.assign({ x1: 2, y1: 7, x2: 31, y2: 7, stroke: colour, "stroke-width": 2.5 },
      dashed ? { "stroke-dasharray": "5 4" } : {}));
    return svgEl("svg", { class: "swatch swatch-line", width: 40, height: 14, viewBox: "0 0 40 14", "aria-hidden": "true",
      focusable: "false" }, line, svgEl("polygon", { points: "30,2 39,7 30,12", fill: colour }));
  }

  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const animation = reducedMotion ? false : { duration: 450, easingFunction: "easeInOutQuad" };
  const edgesById = new Map(data.edges.map((edge) => [edge.id, edge]));
  const details = document.getElementById("details");
  const routesPanel = document.getElementById("routes");
  const tourPanel = document.getElementById("tour");
  const searchInput = document.getElementById("search-input");
  const announcer = document.getElementById("announce");
  const present = data.present || null; // presentation layout and style, from the build

  /* ---------------------------------------------------------------- helpers */

  function showMapMessage(text) {
    const stage = document.getElementById("map-stage");
    if (!stage) {
      return;
    }
    const message = document.createElement("p");
    message.className = "map-message";
    message.textContent = text;
    stage.appendChild(message);
  }

  /* el("p", {class: "x"}, "text", childNode, ...): an element with attributes and children.
     Strings become text nodes; null and undefined children are skipped. */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => {
      const value = attributes[name];
      if (value !== null && value !== undefined && value !== false) {
        element.setAttribute(name, value === true ? "" : String(value));
      }
    });
    children.forEach((child) => {
      if (child === null || child === undefined || child === false) {
        return;
      }
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  function pagesText(pages) {
    return (pages.length === 1 ? "p " : "pp ") + pages.join(", ");
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  /* 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as words, like the templates' as_of_text. */
  function asOfText(value) {
    const parts = String(value || "").split("-");
    if (parts.length === 3) {
      return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
    }
    return parts.length === 2 ? MONTHS[Number(parts[1]) - 1] + " " + parts[0] : String(value || "");
  }

  function safeHref(url) {
    return /^(https?:\/\/|mailto:)/i.test(url || "") ? url : null;
  }

  function urlWithoutHash() {
    return location.href.split("#")[0];
  }

  function setHash(fragment) {
    const wanted = fragment ? "#" + fragment : "";
    if (location.hash === wanted) {
      return;
    }
    try {
      history.pushState(null, "", fragment ? wanted : urlWithoutHash());
    } catch (error) {
      location.hash = fragment;
    }
  }

  function option(object, name, fallback) {
    return object && object[name] !== undefined && object[name] !== null ? object[name] : fallback;
  }

  function announce(text) {
    if (announcer) {
      announcer.textContent = "";
      setTimeout(() => { announcer.textContent = text; }, 30);
    }
  }

  /* Keys typed into a field, or meant for a focused control, are not shortcuts: no letters or
     digits in a text field or menu, no arrows or space in any form control. */
  function isTyping(target) {
    const field = target && target.closest && target.closest("input, select, textarea, [contenteditable='true']");
    return Boolean(field && !(field.tagName === "INPUT" && /^(checkbox|radio|button|submit|reset|range|color|file)$/.test(field.type)));
  }

  function inFormControl(target) {
    return Boolean(target && target.closest && target.closest("input, select, textarea, [contenteditable='true']"));
  }

  function activatesControl(target, key) {
    return (key === " " || key === "Enter") && Boolean(target && target.closest && target.closest("button, a, summary, label"));
  }

  /* ---------------------------------------------------------------- network */

  /* vis-network 9.1.13 draws the label of an exactly horizontal edge that runs right to
     left at the wrong place when font.align is "middle", "top" or "bottom" (its angle
     normalises to 0 and the translation is skipped). Such labels are level anyway. */
  const visNodesById = new Map(data.vis.nodes.map((node) => [node.id, node]));

  function levelLabel(edge) {
    const defaults = option(option(data.vis.options, "edges", {}), "font", {});
    const align = option(edge.font, "align", option(defaults, "align", "horizontal"));
    const from = visNodesById.get(edge.from);
    const to = visNodesById.get(edge.to);
    if (align === "horizontal" || typeof edge.font === "string" || !from || !to || from.y !== to.y || from.x <= to.x) {
      return edge;
    }
    return Object.assign({}, edge, { font: Object.assign({}, edge.font, { align: "horizontal" }) });
  }

  function withoutTitle(item) {
    const copy = Object.assign({}, item);
    delete copy.title; // nothing may depend on hover tooltips
    return copy;
  }

  const baseNodes = data.vis.nodes.map(withoutTitle);
  const baseEdges = data.vis.edges.map(withoutTitle).map(levelLabel);
  const options = Object.assign({}, data.vis.options);
  options.interaction = Object.assign({ hover: true }, options.interaction);
  const nodeOptions = options.nodes || {};
  const edgeOptions = options.edges || {};
  const groups = options.groups || {};
  const nodeFontColor = option(option(nodeOptions, "font", {}), "color", "#343434");
  const edgeFontColor = option(option(edgeOptions, "font", {}), "color", "#343434");

  /* State: what the map shows is worked out from these in render(). */
  const state = {
    mode: "normal", // or "present"
    emphasis: null, // {nodes: Set, edges: Set}: everything else fades
    hiddenKinds: new Set(),
    hiddenLevels: new Set(),
    hiddenRelations: new Set(),
    focusDepth: 1, // neighbours kept when a body is selected: 1 or 2 steps, 0 for no fading
    hideCaseStudies: false, // the whole-system map's Section 4 layer
    colourBy: "kind", // or "layer": Figure 1's layers of influence on health
  };

  /* Colours for Figure 1's layers (whole-system map): shape still tells the kind. */
  function layerColour(id) {
    const layers = data.layers || {};
    const style = layers[data.nodes[id].layer || "none"] || layers.none;
    return style ? { background: style.fill, border: style.color,
      highlight: { background: style.fill, border: "#000000" }, hover: { background: style.fill, border: style.color } } : null;
  }

  /* Each node spelled out for the current mode. Whole items, not just the changed fields:
     vis re-applies a node's group style over anything an update leaves out. */
  function nodeItem(base) {
    const group = groups[base.group] || {};
    const faded = Boolean(state.emphasis && !state.emphasis.nodes.has(base.id));
    const hidden = isNodeFiltered(base.id);
    if (state.mode === "present" && present) {
      const style = present.kinds[base.group] || {};
      const xy = present.positions[base.id] || [base.x, base.y];
      return Object.assign({}, base, {
        x: xy[0], y: xy[1], label: option(present.labels, base.id, base.label), hidden: hidden,
        font: { size: present.font, color: faded ? "rgba(0, 0, 0, 0.28)" : "#000000" },
        margin: present.margin, widthConstraint: false, borderWidth: present.border,
        borderWidthSelected: present.border + 2, opacity: faded ? 0.18 : 1,
        color: style.color || group.color,
        shapeProperties: Object.assign({}, group.shapeProperties || {}, { borderRadius: option(style, "radius", 0) }),
      });
    }
    return Object.assign({}, base, {
      hidden: hidden,
      font: { size: option(nodeOptions.font, "size", 14), color: faded ? "rgba(60, 66, 75, 0.3)" : nodeFontColor },
      margin: option(nodeOptions, "margin", 5), widthConstraint: option(nodeOptions, "widthConstraint", false),
      borderWidth: option(nodeOptions, "borderWidth", 1), borderWidthSelected: option(nodeOptions, "borderWidthSelected", 2),
      opacity: faded ? 0.25 : 1, color: (state.colourBy === "layer" && layerColour(base.id)) || group.color,
      shapeProperties: group.shapeProperties || {},
    });
  }

  function edgeColor(color) {
    if (typeof color === "string") {
      return { color: color, highlight: color, hover: color };
    }
    return Object.assign({}, color || {});
  }

  function edgeItem(base) {
    const faded = Boolean(state.emphasis && !state.emphasis.edges.has(base.id));
    const edge = edgesById.get(base.id);
    const hidden = Boolean(edge && (state.hiddenRelations.has(edge.relation) || (state.hideCaseStudies && edge.case_study)))
      || isNodeFiltered(base.from) || isNodeFiltered(base.to);
    const width = option(base, "width", option(edgeOptions, "width", 1));
    const color = Object.assign(edgeColor(base.color), { opacity: faded ? (state.mode === "present" ? 0.1 : 0.15) : 1 });
    if (state.mode === "present" && present) {
      // Relation names would crowd the projected map: the details panel and tour text read them out.
      return Object.assign({}, base, { hidden: hidden, width: width * 1.7, color: color,
        font: Object.assign({}, base.font || {}, { size: 0, color: edgeFontColor, strokeWidth: 0 }) });
    }
    return Object.assign({}, base, { hidden: hidden, width: width, color: color,
      font: Object.assign({}, base.font || {}, {
        size: option(edgeOptions.font, "size", 14), strokeWidth: option(edgeOptions.font, "strokeWidth", 2),
        color: faded ? "rgba(60, 66, 75, 0.3)" : edgeFontColor }) });
  }

  function isNodeFiltered(id) {
    const node = data.nodes[id];
    return Boolean(node && (state.hiddenKinds.has(node.kind) || state.hiddenLevels.has(node.level)
      || (state.hideCaseStudies && node.case_study)));
  }

  // At start nothing is faded, filtered or presented, so nodeItem and edgeItem would only repeat
  // the options' and groups' defaults on every item, which vis pays for item by item: the first
  // frame of a 1,000-body map comes about 80 ms sooner with the plain items. render() sends whole ones.
  const nodes = new vis.DataSet(baseNodes);
  const edges = new vis.DataSet(baseEdges);
  const network = new vis.Network(mapElement, { nodes: nodes, edges: edges }, options);

  function render() {
    nodes.update(baseNodes.map(nodeItem));
    edges.update(baseEdges.map(edgeItem));
  }

  /* Fade everything except the given nodes and edges; with no arguments, undo. */
  function emphasise(nodeIds, edgeIds) {
    state.emphasis = nodeIds ? { nodes: new Set(nodeIds), edges: new Set(edgeIds || []) } : null;
    render();
  }

  /* vis makes its frame a tab stop. Keep it only when its keyboard panning is on,
     and then name it; otherwise the search box, buttons and text version do that job. */
  const frame = mapElement.querySelector(".vis-network");
  const keyboard = options.interaction.keyboard;
  if (frame && keyboard && (keyboard === true || keyboard.enabled !== false)) {
    frame.setAttribute("role", "application");
    frame.setAttribute("aria-label", (mapElement.getAttribute("aria-label") || "Network map.") + " Arrow keys pan; plus and minus zoom.");
    mapElement.removeAttribute("role");
    mapElement.removeAttribute("aria-label");
  } else if (frame) {
    frame.setAttribute("tabindex", "-1");
  }

  /* The figure's regions, drawn under the nodes as labelled panels (layout coordinates). */
  function currentRegions() {
    return state.mode === "present" && present ? present.regions : (data.regions || []);
  }

  const FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

  function regionStyle(region) {
    if (state.mode === "present" && present) {
      return { fill: region.inset ? "#fff4d6" : "#f1f3f6", stroke: region.inset ? "#7a4b00" : "#5b6573", width: 2,
        ink: "#000000", font: "700 " + present.heading + "px " + FACE, size: present.heading, inset: 6, top: 5 };
    }
    return { fill: region.inset ? "#fff8e1" : "#f0f3f7", stroke: region.inset ? "#a86a00" : "#c5ccd6",
      width: region.inset ? 2 : 1, ink: "#4a5563", font: "600 16px " + FACE, size: 16, inset: 10, top: 10 };
  }

  /* Panels first, under everything; their headings last, over the edges that cross them. */
  network.on("beforeDrawing", (ctx) => {
    const scale = network.getScale();
    currentRegions().forEach((region) => {
      const style = regionStyle(region);
      ctx.fillStyle = style.fill;
      ctx.strokeStyle = style.stroke;
      ctx.lineWidth = style.width / scale;
      ctx.fillRect(region.x, region.y, region.width, region.height);
      ctx.strokeRect(region.x, region.y, region.width, region.height);
    });
  });

  network.on("afterDrawing", (ctx) => {
    currentRegions().forEach((region) => {
      const style = regionStyle(region);
      const lines = region.lines && region.lines.length ? region.lines : [region.label];
      ctx.font = style.font;
      ctx.textBaseline = "top";
      lines.filter(Boolean).forEach((line, i) => {
        const y = region.y + style.top + i * style.size * 1.2;
        const maxWidth = region.width - 2 * style.inset;
        const width = Math.min(ctx.measureText(line).width, maxWidth);
        ctx.fillStyle = style.fill;
        ctx.fillRect(region.x + style.inset - 3, y - 2, width + 6, style.size * 1.2 + 2);
        ctx.fillStyle = style.ink;
        ctx.fillText(line, region.x + style.inset, y, maxWidth);
      });
    });
  });

  /* ---------------------------------------------------------------- camera */

  /* The part of the map not under the zoom buttons or an overlay panel (presentation mode puts
     panels over the map), in the map element's coordinates. */
  const ZOOM_STRIP = 44;

  function freeArea() {
    const width = mapElement.clientWidth;
    const height = mapElement.clientHeight;
    const area = { left: 0, top: 0, width: width - (state.mode === "present" ? 0 : ZOOM_STRIP), height: height };
    const panel = state.mode === "present"
      ? [details, document.getElementById("routes"), legend].find((element) => element && !element.hidden) : null;
    if (panel) {
      const mapBox = mapElement.getBoundingClientRect();
      const rect = panel.getBoundingClientRect();
      if (rect.width && rect.left > mapBox.left + width / 3) {
        area.width = Math.max(width / 3, rect.left - mapBox.left);
      }
    }
    return area;
  }

  function nodeBounds(ids) {
    let box = null;
    ids.forEach((id) => {
      const node = nodes.get(id);
      if (!node || node.hidden) {
        return;
      }
      const b = network.getBoundingBox(id);
      box = box ? { left: Math.min(box.left, b.left), top: Math.min(box.top, b.top),
        right: Math.max(box.right, b.right), bottom: Math.max(box.bottom, b.bottom) } : Object.assign({}, b);
    });
    return box;
  }

  /* The camera that shows a box of the map (canvas coordinates) as large as fits in an area
     of the map element, centred there. */
  function viewFor(box, area, margin, maxScale) {
    const width = Math.max(1, box.right - box.left);
    const height = Math.max(1, box.bottom - box.top);
    return {
      position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
      scale: Math.min(maxScale, (area.width - 2 * margin) / width, (area.height - 2 * margin) / height),
      offset: { x: area.left + area.width / 2 - mapElement.clientWidth / 2, y: area.top + area.height / 2 - mapElement.clientHeight / 2 },
    };
  }

  /* Where a canvas point would be drawn (map element coordinates) with a given camera. */
  function pointIn(view, point) {
    return { x: (point.x - view.position.x) * view.scale + mapElement.clientWidth / 2 + view.offset.x,
      y: (point.y - view.position.y) * view.scale + mapElement.clientHeight / 2 + view.offset.y };
  }

  function showBox(box, opts) {
    const settings = Object.assign({ animate: true, margin: 12, maxScale: Infinity, area: freeArea() }, opts);
    const view = viewFor(box, settings.area, settings.margin, settings.maxScale);
    network.moveTo(Object.assign(view, { animation: settings.animate ? animation : false }));
  }

  /* The camera that fits the whole map, region panels included (vis's own fit only sees the
     nodes). Normal mode keeps a strip on the right for the zoom buttons; presentation hides them. */
  function fullView() {
    let box = nodeBounds(Object.keys(data.nodes));
    currentRegions().forEach((region) => {
      const r = { left: region.x, top: region.y, right: region.x + region.width, bottom: region.y + region.height };
      box = box ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top),
        right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) } : r;
    });
    if (!box || !mapElement.clientWidth || !mapElement.clientHeight) {
      return null;
    }
    const presenting = state.mode === "present" && present;
    const area = { left: 0, top: 0, width: mapElement.clientWidth - (presenting ? 0 : ZOOM_STRIP), height: mapElement.clientHeight };
    return viewFor(box, area, presenting ? present.fit_margin : 12, Infinity);
  }

  function fitAll(animate) {
    const view = fullView();
    if (view) {
      network.moveTo(Object.assign(view, { animation: animate ? animation : false }));
    }
  }

  network.on("hoverNode", () => { mapElement.style.cursor = "pointer"; });
  network.on("blurNode", () => { mapElement.style.cursor = ""; });
  network.on("hoverEdge", () => { mapElement.style.cursor = "pointer"; });
  network.on("blurEdge", () => { mapElement.style.cursor = ""; });

  /* After the map's size changes: keep showing what was being shown. */
  function refit() {
    network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px");
    network.redraw();
    if (activeTour) {
      fitStep(activeTour.tour.steps[activeTour.index], false);
    } else if (current && current.type === "node" && state.mode === "present") {
      fitAll(false);
      keepClear(current.id, false);
    } else {
      fitAll(false);
    }
  }

  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(refit, 150);
  });

  /* Pan (keeping the zoom) when a node sits off screen, under the map's edges or under a panel. */
  function ensureVisible(id) {
    const position = network.getPositions([id])[id];
    const point = network.canvasToDOM(position);
    const area = freeArea();
    const margin = 90;
    if (point.x < area.left + margin || point.y < area.top + margin || point.x > area.left + area.width - margin
        || point.y > area.top + area.height - margin) {
      network.moveTo({ position: position, scale: network.getScale(), animation: animation,
        offset: { x: area.left + area.width / 2 - mapElement.clientWidth / 2, y: area.top + area.height / 2 - mapElement.clientHeight / 2 } });
    }
  }

  /* In presentation mode: pan the map, as little as will do, so that a node is not under the
     panel (nor off screen). */
  function keepClear(id, animate) {
    const b = network.getBoundingBox(id);
    const topLeft = network.canvasToDOM({ x: b.left, y: b.top });
    const bottomRight = network.canvasToDOM({ x: b.right, y: b.bottom });
    const area = freeArea();
    const margin = 40;
    const shift = (low, high, start, size) => {
      if (high - low > size - 2 * margin) {
        return (start + size / 2) - (low + high) / 2; // too big to fit: centre it
      }
      if (low < start + margin) {
        return start + margin - low;
      }
      return high > start + size - margin ? start + size - margin - high : 0;
    };
    const dx = shift(topLeft.x, bottomRight.x, area.left, area.width);
    const dy = shift(topLeft.y, bottomRight.y, area.top, area.height);
    if (dx || dy) {
      const scale = network.getScale();
      const centre = network.getViewPosition();
      network.moveTo({ position: { x: centre.x - dx / scale, y: centre.y - dy / scale }, scale: scale,
        animation: animate === false ? false : animation });
    }
  }

  function centreOn(id) {
    if (state.mode === "present") {
      keepClear(id);
      return;
    }
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: animation });
  }

  /* ---------------------------------------------------------------- details panel */

  let current = null; // {type: "node" | "edge", id}
  let activeTour = null; // {tour, index}
  let focusBeforePanel = null;

  /* A link to another body: the click handler below selects it without leaving the page. */
  function nodeLink(id, text, attributes) {
    return el("a", Object.assign({ href: "#node=" + id, "data-node": id }, attributes || {}), text);
  }

  function relationMeta(edge) {
    const meta = el("span", { class: "rel-meta" }, "(");
    if (edge.evidence === "implied") {
      meta.appendChild(el("em", { class: "implied" }, "implied"));
      meta.appendChild(document.createTextNode("; "));
    }
    meta.appendChild(document.createTextNode("p " + edge.page + ")"));
    return meta;
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

  function kindSwatch(kind) {
    const swatch = document.querySelector("#legend-kind-" + CSS.escape(kind) + " svg");
    return swatch ? swatch.cloneNode(true) : null;
  }

  function panelHead(title) {
    const heading = el("h2", { id: "details-heading", tabindex: "-1" }, title);
    const close = el("button", { type: "button", class: "button", "data-action": "close", "aria-label": "Close details" }, "Close");
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
      input.checked = state.focusDepth === depth;
      group.appendChild(el("label", {}, input, " " + text + " ", el("kbd", { "aria-hidden": "true" }, String(depth))));
    });
    return group;
  }

  function nodeDetails(node) {
    const parts = [panelHead(node.label)];
    if (node.acronym) {
      parts.push(el("p", { class: "acronym" }, el("abbr", {}, node.acronym), ": " + (node.acronym_expansion || node.label)));
    }
    parts.push(el("p", { class: "kind" }, kindSwatch(node.kind), node.kind_label + " · " + node.level_label));
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
      parts.push(el("p", { class: "meta" }, "Figure 1 layer of influence on health (pp 11\u201312): "
        + (layer ? layer.label : node.layer)));
    }
    if (node.case_study) {
      const study = data.nodes[node.case_study];
      parts.push(el("p", { class: "note" }, el("strong", {}, "Case study: "),
        node.case_study_role === "project" ? "one of the guide's Section 4 case studies" + (node.place ? ", in " + node.place : "") + "."
          : "a partner in ", node.case_study_role === "project" ? null : nodeLink(node.case_study, study ? study.label : node.case_study),
        node.case_study_role === "project" ? null : "."));
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
    const outgoing = data.edges.filter((edge) => edge.source === node.id);
    const incoming = data.edges.filter((edge) => edge.target === node.id && edge.source !== node.id);
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
    if (node.pages && node.pages.length) {
      parts.push(el("p", { class: "meta" }, "Guide " + pagesText(node.pages)));
    }
    if (node.website) {
      const href = safeHref(node.website.url);
      const year = String(data.figure.as_of || "").slice(0, 4);
      const link = href
        ? el("a", { href: href, rel: "noopener noreferrer" }, node.website.printed || node.website.url)
        : el("span", {}, node.website.printed || node.website.url);
      parts.push(...section("Website",
        el("p", {}, node.website.name + ": ", link),
        el("p", { class: "historic" }, "Historic address: as printed" + (year ? " in " + year : "") + ", may no longer work.")));
    }
    if (node.note) {
      parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), node.note));
    }
    if (node.source) {
      parts.push(el("p", { class: "meta" }, "Source: " + node.source));
    }
    if (node.also_in && node.also_in.length) {
      parts.push(...section(data.whole ? "Comes from" : "Also in",
        el("ul", {}, ...node.also_in.map((other) =>
        el("li", {}, el("a", { href: other.url },
          (other.number ? "Figure " + other.number + ": " : "") + other.title))))));
    }
    return parts;
  }

  function edgeDetails(edge) {
    const sentence = el("p", { class: "role" },
      nodeLink(edge.source, edge.subject), " " + edge.reading + " ",
      nodeLink(edge.target, edge.object), " ", relationMeta(edge));
    const parts = [panelHead("Relation: " + edge.relation_label), sentence];
    parts.push(el("p", { class: "meta" }, edge.evidence === "implied"
      ? "Implied: it follows from the guide's text, which does not say it in so many words."
      : "Stated in the guide."));
    if (edge.note) {
      parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), edge.note));
    }
    return parts;
  }

  /* The sidebar holds the tour, the details and the legend; with all three hidden it
     folds away and the map takes the full width (vis follows its frame's size). */
  const sidebar = details.parentElement;
  const legend = document.getElementById("legend");
  const legendToggle = document.getElementById("legend-toggle");

  function updateSidebar() {
    const wasHidden = sidebar.hidden;
    sidebar.hidden = legend.hidden && details.hidden && (!tourPanel || tourPanel.hidden) && (!routesPanel || routesPanel.hidden);
    if (wasHidden !== sidebar.hidden) {
      // vis-network follows window resizes only: give it the map's new size now.
      const view = { position: network.getViewPosition(), scale: network.getScale() };
      network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px");
      network.moveTo(view);
    }
  }

  function setLegend(open, opts) {
    const settings = Object.assign({ refit: true }, opts);
    const wasHidden = sidebar.hidden;
    legend.hidden = !open;
    legendToggle.setAttribute("aria-expanded", String(open));
    updateSidebar();
    if (settings.refit && wasHidden !== sidebar.hidden && state.mode !== "present") {
      requestAnimationFrame(() => fitAll(true));
    }
  }

  if (legendToggle && legend) {
    /* Below 1440px the legend starts folded so the map can use the whole width;
       the Legend button brings it back. */
    if (window.innerWidth < 1440 || presentRequested) {
      legend.hidden = true;
      legendToggle.setAttribute("aria-expanded", "false");
      updateSidebar();
    }
    legendToggle.disabled = false;
    legendToggle.addEventListener("click", () => {
      setLegend(legend.hidden);
      if (!legend.hidden && state.mode === "present") {
        document.getElementById("legend-heading").focus({ preventScroll: true });
      }
    });
  }

  function openPanel(parts, moveFocus) {
    if (moveFocus && !details.contains(document.activeElement)) {
      focusBeforePanel = document.activeElement;
    }
    details.textContent = "";
    parts.forEach((part) => details.appendChild(part));
    details.hidden = false;
    if (state.mode === "present" && !legend.hidden) {
      setLegend(false, { refit: false }); // one panel at a time over the projected map
    }
    updateSidebar();
    sidebar.scrollTop = 0;
    if (moveFocus) {
      document.getElementById("details-heading").focus({ preventScroll: true });
    }
  }

  function closePanel() {
    const hadFocus = details.contains(document.activeElement);
    details.hidden = true;
    details.textContent = "";
    updateSidebar();
    if (hadFocus) {
      const back = focusBeforePanel && document.body.contains(focusBeforePanel) && focusBeforePanel !== document.body
        ? focusBeforePanel : searchInput;
      if (back) {
        back.focus({ preventScroll: true });
      }
    }
    focusBeforePanel = null;
  }

  details.addEventListener("change", (event) => {
    const input = event.target.closest("[data-focus-depth]");
    if (input) {
      setFocusDepth(Number(input.value));
    }
  });

  /* ---------------------------------------------------------------- selection and focus */

  /* The bodies within `depth` steps of `id` along the relations on show, and those relations. */
  function neighbourhood(id, depth) {
    const keepNodes = new Set([id]);
    const keepEdges = new Set();
    let frontier = [id];
    for (let step = 0; step < depth; step += 1) {
      const next = [];
      frontier.forEach((nodeId) => {
        network.getConnectedEdges(nodeId).forEach((edgeId) => {
          const edge = edges.get(edgeId);
          if (!edge || edge.hidden) {
            return;
          }
          keepEdges.add(edgeId);
          [edge.from, edge.to].forEach((other) => {
            if (!keepNodes.has(other) && !isNodeFiltered(other)) {
              keepNodes.add(other);
              next.push(other);
            }
          });
        });
      });
      frontier = next;
    }
    return { nodes: keepNodes, edges: keepEdges };
  }

  function focusOn(id) {
    if (state.focusDepth === 0) {
      emphasise();
      return;
    }
    const near = neighbourhood(id, state.focusDepth);
    emphasise(Array.from(near.nodes), Array.from(near.edges));
  }

  function setFocusDepth(depth) {
    state.focusDepth = depth === 2 ? 2 : depth === 0 ? 0 : 1;
    details.querySelectorAll("[data-focus-depth]").forEach((input) => {
      input.checked = Number(input.value) === state.focusDepth;
    });
    if (current && current.type === "node") {
      focusOn(current.id);
      announce(state.focusDepth === 0 ? "Showing the whole map"
        : state.focusDepth === 1 ? "Showing its neighbours" : "Showing bodies up to two steps away");
    }
  }

  /* Select a body: everything a click on the map does, and more on request.
     opts.push: record in the URL hash; opts.centre: move the camera to it;
     opts.moveFocus: put keyboard focus on the panel heading. */
  function selectNode(id, opts) {
    const settings = Object.assign({ push: true, centre: false, moveFocus: false }, opts);
    const node = data.nodes[id];
    if (!node || !nodes.get(id)) {
      return false;
    }
    if (isNodeFiltered(id)) {
      resetFilters({ quiet: true });
      announce("Filters cleared to show " + node.label);
    }
    endTour({ push: false, keepSelection: true });
    current = { type: "node", id: id };
    network.selectNodes([id], true);
    focusOn(id);
    openPanel(nodeDetails(node), settings.moveFocus);
    if (state.mode === "present") {
      keepClear(id);
    } else if (settings.centre) {
      centreOn(id);
    } else {
      ensureVisible(id);
    }
    if (settings.push) {
      setHash("node=" + id);
    }
    return true;
  }

  function selectEdge(id, opts) {
    const settings = Object.assign({ moveFocus: false }, opts);
    const edge = edgesById.get(id);
    if (!edge) {
      return false;
    }
    endTour({ push: false, keepSelection: true });
    current = { type: "edge", id: id };
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    emphasise([edge.source, edge.target], [id]);
    openPanel(edgeDetails(edge), settings.moveFocus);
    setHash("");
    return true;
  }

  function clear(opts) {
    const settings = Object.assign({ push: true }, opts);
    const hadPanel = Boolean(current);
    current = null;
    network.unselectAll();
    emphasise();
    closePanel();
    if (hadPanel && state.mode === "present") {
      fitAll(true); // the panel is gone: show the whole map again
    }
    if (settings.push) {
      setHash("");
    }
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      selectNode(params.nodes[0], { push: true });
    } else if (params.edges.length) {
      selectEdge(params.edges[0]);
    } else if (current) {
      clear({ push: true });
    }
  });

  details.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='close']")) {
      clear({ push: true });
    }
  });

  /* Links to a body (panel relations, text version) select it on the map, then bring the
     map and panel into view with focus on the panel heading. */
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-node]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    const id = link.getAttribute("data-node");
    if (!data.nodes[id]) {
      return;
    }
    event.preventDefault();
    if (window.scrollY > 0) {
      window.scrollTo({ top: 0, behavior: reducedMotion ? "auto" : "smooth" });
    }
    selectNode(id, { push: true, centre: true, moveFocus: true });
  });

  /* ---------------------------------------------------------------- camera buttons */

  document.querySelectorAll(".zoom [data-action]").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", () => {
      const action = button.getAttribute("data-action");
      if (action === "fit") {
        fitAll(true);
      } else {
        const factor = action === "zoom-in" ? 1.3 : 1 / 1.3;
        network.moveTo({ scale: network.getScale() * factor, animation: animation });
      }
    });
  });

  /* ---------------------------------------------------------------- filters (in the legend) */

  const filterSets = { kind: state.hiddenKinds, level: state.hiddenLevels, relation: state.hiddenRelations };
  const filterStatus = document.getElementById("filter-status");
  const resetButton = document.querySelector("[data-action='reset-filters']");

  function filtersActive() {
    return state.hiddenKinds.size + state.hiddenLevels.size + state.hiddenRelations.size > 0;
  }

  /* Counts in the legend follow the filters: shown of total. */
  function updateLegend() {
    const shownNodes = Object.keys(data.nodes).filter((id) => !isNodeFiltered(id));
    const shownEdges = data.edges.filter((edge) => !state.hiddenRelations.has(edge.relation)
      && !isNodeFiltered(edge.source) && !isNodeFiltered(edge.target));
    const count = (list, key, value) => list.filter((item) => item[key] === value).length;
    document.querySelectorAll("[data-filter]").forEach((input) => {
      const group = input.getAttribute("data-filter");
      const value = input.value;
      input.checked = !filterSets[group].has(value);
      const item = input.closest("li");
      const badge = item && item.querySelector(".count");
      if (!badge) {
        return;
      }
      const total = Number(badge.getAttribute("data-total"));
      const shown = group === "relation" ? count(shownEdges, "relation", value)
        : count(shownNodes.map((id) => data.nodes[id]), group, value);
      badge.firstChild.textContent = shown === total ? String(total) : shown + "/" + total;
      item.classList.toggle("filtered-out", shown === 0);
    });
    if (filterStatus) {
      filterStatus.textContent = filtersActive()
        ? "Showing " + shownNodes.length + " of " + Object.keys(data.nodes).length + " bodies and "
          + shownEdges.length + " of " + data.edges.length + " relations."
        : "Showing everything.";
    }
    if (resetButton) {
      resetButton.disabled = !filtersActive();
    }
  }

  function afterFilterChange() {
    render();
    if (current && current.type === "node" && isNodeFiltered(current.id)) {
      clear({ push: true }); // a hidden body never stays selected
    } else if (current && current.type === "edge" && edges.get(current.id) && edges.get(current.id).hidden) {
      clear({ push: true });
    } else if (current && current.type === "node") {
      focusOn(current.id);
    }
    updateLegend();
  }

  function setFilter(group, value, shown) {
    const set = filterSets[group];
    if (!set) {
      return;
    }
    if (shown) {
      set.delete(value);
    } else {
      set.add(value);
    }
    afterFilterChange();
  }

  function resetFilters(opts) {
    Object.values(filterSets).forEach((set) => set.clear());
    afterFilterChange();
    if (!(opts && opts.quiet)) {
      announce("Showing every body and relation");
    }
  }

  document.querySelectorAll("[data-filter]").forEach((input) => {
    input.disabled = false;
    input.addEventListener("change", () => {
      setFilter(input.getAttribute("data-filter"), input.value, input.checked);
    });
  });
  if (resetButton) {
    resetButton.addEventListener("click", () => resetFilters());
  }
  updateLegend();

  /* ---------------------------------------------------------------- search (ARIA combobox) */

  const searchItems = data.search.map((item) => ({
    item: item,
    fields: [item.label, item.acronym].filter(Boolean).map((text) => ({ text: text.toLowerCase(), term: null }))
      .concat((item.terms || []).map((term) => ({ text: term.toLowerCase(), term: term }))),
  }));
  const results = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  let matches = [];
  let active = -1;

  /* Rank: 0 prefix, 1 start of a word, 2 anywhere; glossary terms rank after names. */
  function rank(entry, query) {
    let best = null;
    entry.fields.forEach((field) => {
      const at = field.text.indexOf(query);
      if (at < 0) {
        return;
      }
      let score = at === 0 ? 0 : (/[^a-z0-9]/.test(field.text.charAt(at - 1)) ? 1 : 2);
      if (field.term) {
        score += 3;
      }
      if (best === null || score < best.score) {
        best = { score: score, term: field.term };
      }
    });
    return best;
  }

  function findMatches(query) {
    const q = query.trim().toLowerCase();
    if (!q) {
      return [];
    }
    return searchItems
      .map((entry) => ({ entry: entry, hit: rank(entry, q) }))
      .filter((found) => found.hit)
      .sort((a, b) => a.hit.score - b.hit.score
        || (a.entry.item.url ? 1 : 0) - (b.entry.item.url ? 1 : 0)
        || a.entry.item.label.localeCompare(b.entry.item.label))
      .slice(0, 20)
      .map((found) => ({ item: found.entry.item, term: found.hit.term }));
  }

  function setActive(index) {
    active = index;
    Array.prototype.forEach.call(results.children, (li, i) => {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && results.children[index]) {
      searchInput.setAttribute("aria-activedescendant", results.children[index].id);
      results.children[index].scrollIntoView({ block: "nearest" });
    } else {
      searchInput.removeAttribute("aria-activedescendant");
    }
  }

  function closeResults() {
    results.hidden = true;
    searchInput.setAttribute("aria-expanded", "false");
    searchInput.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function showResults() {
    matches = findMatches(searchInput.value);
    results.textContent = "";
    active = -1;
    searchInput.removeAttribute("aria-activedescendant");
    if (!searchInput.value.trim()) {
      closeResults();
      status.textContent = "";
      return;
    }
    if (!matches.length) {
      results.appendChild(el("li", { role: "option", id: "search-option-none", "aria-disabled": "true", "aria-selected": "false", class: "no-results" },
        "No body matches \u201c" + searchInput.value.trim() + "\u201d"));
    }
    matches.forEach((match, index) => {
      const item = match.item;
      const extra = [];
      if (match.term) {
        extra.push("Glossary term: " + match.term);
      }
      if (item.url) {
        extra.push("On " + item.map + " (opens that map)");
      }
      results.appendChild(el("li", { role: "option", id: "search-option-" + index, "aria-selected": "false", "data-index": index },
        el("span", { class: "result-label" }, item.label + (item.acronym ? " (" + item.acronym + ")" : "")),
        extra.length ? el("span", { class: "result-extra" }, extra.join(" · ")) : null));
    });
    results.hidden = false;
    searchInput.setAttribute("aria-expanded", "true");
    status.textContent = matches.length === 1 ? "1 match" : matches.length + " matches";
  }

  function choose(index) {
    const match = matches[index];
    if (!match) {
      return;
    }
    closeResults();
    if (match.item.url) {
      location.href = match.item.url;
      return;
    }
    searchInput.value = match.item.label;
    selectNode(match.item.id, { push: true, centre: true });
  }

  searchInput.disabled = false;
  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("focus", () => {
    if (searchInput.value.trim() && searchInput.getAttribute("aria-expanded") !== "true") {
      searchInput.select();
    }
  });
  searchInput.addEventListener("blur", () => { setTimeout(closeResults, 120); });
  searchInput.addEventListener("keydown", (event) => {
    const open = !results.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        showResults();
      }
      if (matches.length) {
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : matches.length - 1) : (active + step + matches.length) % matches.length);
      }
    } else if (event.key === "Enter") {
      if (open && matches.length) {
        event.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        closeResults();
      } else if (searchInput.value) {
        event.preventDefault();
        searchInput.value = "";
        status.textContent = "";
      }
    }
  });
  results.addEventListener("mousedown", (event) => { event.preventDefault(); }); // keep focus in the input
  results.addEventListener("click", (event) => {
    const li = event.target.closest("li[data-index]");
    if (li) {
      choose(Number(li.getAttribute("data-index")));
    }
  });

  /* ---------------------------------------------------------------- guided tours */

  const tourSelect = document.getElementById("tour-select");

  function stepParts(step) {
    const stepNodes = step.nodes.filter((id) => nodes.get(id));
    const stepEdges = (step.edges || []).filter((id) => edges.get(id));
    return { nodes: stepNodes, edges: stepEdges };
  }

  /* Bring the step's bodies into view, as large as the free part of the map allows. */
  function fitStep(step, animate) {
    const box = nodeBounds(stepParts(step).nodes);
    if (!box) {
      return;
    }
    if (state.mode === "present") {
      placeTourCard(step, box, animate);
    } else {
      showBox(box, { animate: animate !== false, margin: 40, maxScale: 1 });
    }
  }

  /* Presentation mode shows a tour step's text over the map: on a card in a corner, or on a
     band along the top or bottom. Either the step's bodies are zoomed into the room beside the
     card or band, when that draws them at least as large as the whole map is drawn; or the
     whole map stays in view and the text goes where it covers none of the step's bodies. */
  const PLACES = ["bottom-band", "bottom-right", "bottom-left", "top-band", "top-right", "top-left"];
  let tourPlace = "bottom-band";

  function setPlace(place) {
    PLACES.forEach((name) => tourPanel.classList.toggle("at-" + name, name === place));
  }

  function placeRect(place, size) {
    const width = mapElement.clientWidth;
    const height = mapElement.clientHeight;
    const band = place.endsWith("band");
    const left = band || place.endsWith("left") ? 0 : width - size.width;
    const top = place.startsWith("top") ? 0 : height - size.height;
    return { left: left, top: top, right: band ? width : left + size.width, bottom: top + size.height };
  }

  function placeTourCard(step, box, animate) {
    const width = mapElement.clientWidth;
    const height = mapElement.clientHeight;
    const sizes = {};
    PLACES.forEach((place) => {
      setPlace(place);
      sizes[place] = { width: tourPanel.offsetWidth + 24, height: tourPanel.offsetHeight + 24 };
    });
    const card = sizes["bottom-right"];
    const band = sizes["bottom-band"];
    const zooms = [
      ["bottom-right", { left: 0, top: 0, width: width - card.width, height: height }],
      ["bottom-left", { left: card.width, top: 0, width: width - card.width, height: height }],
      ["bottom-band", { left: 0, top: 0, width: width, height: height - band.height }],
      ["top-band", { left: 0, top: band.height, width: width, height: height - band.height }],
    ].map(([place, area]) => ({ place: place, view: viewFor(box, area, 24, 1.6) }))
      .sort((a, b) => b.view.scale - a.view.scale || (b.place === tourPlace) - (a.place === tourPlace));
    let choice = zooms[0];
    const whole = fullView();
    if (whole && choice.view.scale < whole.scale) {
      const ids = stepParts(step).nodes.filter((id) => !nodes.get(id).hidden);
      const order = [tourPlace].concat(PLACES.filter((place) => place !== tourPlace));
      const clear = order.find((place) => {
        const rect = placeRect(place, sizes[place]);
        return ids.every((id) => {
          const b = network.getBoundingBox(id);
          const a = pointIn(whole, { x: b.left, y: b.top });
          const z = pointIn(whole, { x: b.right, y: b.bottom });
          return z.x < rect.left || a.x > rect.right || z.y < rect.top || a.y > rect.bottom;
        });
      });
      if (clear) {
        choice = { place: clear, view: whole };
      }
    }
    tourPlace = choice.place;
    setPlace(tourPlace);
    network.moveTo(Object.assign({}, choice.view, { animation: animate === false ? false : animation }));
  }

  function showStep(tour, index, opts) {
    const settings = Object.assign({ push: true, moveFocus: false }, opts);
    const step = tour.steps[index];
    const parts = stepParts(step);
    if (parts.nodes.some(isNodeFiltered) || parts.edges.some((id) => edges.get(id).hidden)) {
      resetFilters({ quiet: true });
      announce("Filters cleared for the tour");
    }
    current = null;
    closePanel();
    activeTour = { tour: tour, index: index };
    network.setSelection({ nodes: parts.nodes, edges: parts.edges }, { unselectAll: true, highlightEdges: false });
    emphasise(parts.nodes, parts.edges);
    document.getElementById("tour-progress").textContent = "Tour: " + tour.title + " \u2014 step " + (index + 1) + " of " + tour.steps.length;
    document.getElementById("tour-heading").textContent = step.title;
    document.getElementById("tour-text").textContent = step.text;
    tourPanel.querySelector("[data-action='tour-prev']").disabled = index === 0;
    tourPanel.querySelector("[data-action='tour-next']").disabled = index === tour.steps.length - 1;
    tourPanel.hidden = false;
    if (state.mode === "present" && !legend.hidden) {
      setLegend(false, { refit: false });
    }
    updateSidebar();
    fitStep(step);
    if (tourSelect) {
      tourSelect.value = tour.id;
    }
    if (settings.moveFocus) {
      document.getElementById("tour-heading").focus({ preventScroll: true });
    }
    if (settings.push) {
      setHash("tour=" + tour.id + "&step=" + (index + 1));
    }
  }

  function endTour(opts) {
    if (!activeTour) {
      return;
    }
    const settings = Object.assign({ push: true, keepSelection: false }, opts);
    const hadFocus = tourPanel.contains(document.activeElement);
    activeTour = null;
    tourPanel.hidden = true;
    updateSidebar();
    if (tourSelect) {
      tourSelect.value = "";
    }
    if (!settings.keepSelection) {
      network.unselectAll();
      emphasise();
    }
    if (hadFocus && tourSelect) {
      tourSelect.focus({ preventScroll: true });
    }
    if (settings.push) {
      setHash("");
    }
  }

  /* Next (+1) or previous (-1) step of the running tour; false when there is none. */
  function stepBy(delta, moveFocus) {
    if (!activeTour) {
      return false;
    }
    const next = activeTour.index + delta;
    if (next >= 0 && next < activeTour.tour.steps.length) {
      showStep(activeTour.tour, next, { moveFocus: moveFocus });
    }
    return true;
  }

  function findTour(id) {
    return data.tours.find((tour) => tour.id === id) || null;
  }

  if (tourPanel) {
    tourPanel.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button || !activeTour) {
        return;
      }
      const action = button.getAttribute("data-action");
      if (action === "tour-end") {
        endTour({ push: true });
        fitAll(true);
      } else {
        stepBy(action === "tour-next" ? 1 : -1, true);
      }
    });
  }
  if (tourSelect) {
    tourSelect.disabled = false;
    tourSelect.addEventListener("change", () => {
      const tour = findTour(tourSelect.value);
      if (tour) {
        showStep(tour, 0, { moveFocus: true });
      } else {
        endTour({ push: true });
        fitAll(true);
      }
    });
  }

  /* ---------------------------------------------------------------- presentation mode */

  const presentButton = document.querySelector("[data-action='present']");
  const fullscreenButton = document.querySelector("[data-action='fullscreen']");
  let barTimer = null;

  function setPresentUrl(on) {
    const url = new URL(location.href);
    if (on) {
      url.searchParams.set("present", "");
    } else {
      url.searchParams.delete("present");
    }
    try {
      history.replaceState(history.state, "", url.href.replace(/\?present=(?=#|$)/, "?present"));
    } catch (error) {
      // file:// pages may refuse a new query string; the mode itself still changes
    }
  }

  function setPresent(on, opts) {
    const settings = Object.assign({ url: true }, opts);
    state.mode = on ? "present" : "normal";
    document.body.classList.toggle("present", on);
    if (presentButton) {
      presentButton.textContent = on ? "Exit presentation" : "Present";
    }
    if (on && !legend.hidden) {
      setLegend(false, { refit: false });
    }
    if (!on && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(() => {});
    }
    render();
    refit();
    if (on && current && current.type === "node") {
      keepClear(current.id, false);
    }
    if (settings.url) {
      setPresentUrl(on);
    }
    announce(on ? "Presentation mode. Press Escape or P to leave." : "Presentation mode off.");
  }

  function showBar() {
    document.body.classList.add("bar-shown");
    clearTimeout(barTimer);
    barTimer = setTimeout(() => document.body.classList.remove("bar-shown"), 2500);
  }

  if (presentButton) {
    presentButton.disabled = false;
    presentButton.addEventListener("click", () => {
      setPresent(state.mode !== "present");
      if (state.mode === "present") {
        showBar(); // show where the controls went
      }
    });
  }
  if (fullscreenButton) {
    const root = document.documentElement;
    fullscreenButton.hidden = !(document.fullscreenEnabled && root.requestFullscreen);
    fullscreenButton.disabled = false;
    fullscreenButton.addEventListener("click", () => {
      if (document.fullscreenElement) {
        document.exitFullscreen().catch(() => {});
      } else {
        if (state.mode !== "present") {
          setPresent(true);
        }
        root.requestFullscreen().catch(() => announce("Full screen is not available here."));
      }
    });
    document.addEventListener("fullscreenchange", () => {
      fullscreenButton.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
    });
  }
  document.addEventListener("mousemove", (event) => {
    if (state.mode === "present" && event.clientY < 72) {
      showBar();
    }
  });

  /* ---------------------------------------------------------------- export and print */

  /* The current view drawn at `ratio` device pixels per CSS pixel, as a new canvas: vis-network
     sizes its drawing buffer from window.devicePixelRatio, so that is raised while it redraws. */
  function renderView(ratio) {
    const canvas = network.canvas.frame.canvas;
    const view = { position: network.getViewPosition(), scale: network.getScale() };
    const own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
    const copy = document.createElement("canvas");
    try {
      Object.defineProperty(window, "devicePixelRatio", { configurable: true, get: () => ratio });
      network.redraw();
      network.moveTo(Object.assign({ animation: false }, view));
      network.redraw();
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(canvas, 0, 0);
    } finally {
      if (own) {
        Object.defineProperty(window, "devicePixelRatio", own);
      } else {
        delete window.devicePixelRatio;
      }
      network.redraw();
      network.moveTo(Object.assign({ animation: false }, view));
    }
    return copy;
  }

  function figureName() {
    return (data.figure.number ? "Figure " + data.figure.number + ": " : "") + data.figure.title;
  }

  /* The view at twice the window's resolution (at least twice the map's), under a band with
     the map's title and date, and over its source line. */
  function exportCanvas() {
    const ratio = Math.max(2, 2 * window.innerWidth / Math.max(1, mapElement.clientWidth));
    const picture = renderView(ratio);
    const band = Math.round(64 * ratio);
    const foot = data.figure.source ? Math.round(30 * ratio) : 0;
    const out = document.createElement("canvas");
    out.width = picture.width;
    out.height = picture.height + band + foot;
    const ctx = out.getContext("2d");
    const face = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(picture, 0, band);
    ctx.fillStyle = "#000000";
    ctx.textBaseline = "top";
    ctx.font = "700 " + Math.round(24 * ratio) + "px " + face;
    ctx.fillText(figureName(), 16 * ratio, 8 * ratio, out.width - 32 * ratio);
    ctx.font = Math.round(16 * ratio) + "px " + face;
    ctx.fillStyle = "#333333";
    ctx.fillText("Structures as in " + asOfText(data.figure.as_of) + ". Made with policymap.", 16 * ratio, 38 * ratio,
      out.width - 32 * ratio);
    ctx.strokeStyle = "#999999";
    ctx.lineWidth = ratio;
    ctx.beginPath();
    ctx.moveTo(0, band - ratio / 2);
    ctx.lineTo(out.width, band - ratio / 2);
    ctx.stroke();
    if (foot) {
      ctx.font = Math.round(13 * ratio) + "px " + face;
      ctx.fillText("Source: " + data.figure.source, 16 * ratio, picture.height + band + 8 * ratio, out.width - 32 * ratio);
    }
    return out;
  }

  function exportPng() {
    const canvas = exportCanvas();
    const name = data.figure.id + (state.mode === "present" ? "-presentation" : "") + ".png";
    const save = (href, done) => {
      const link = el("a", { href: href, download: name, hidden: true });
      document.body.appendChild(link);
      link.click();
      link.remove();
      if (done) {
        setTimeout(done, 1000);
      }
    };
    if (canvas.toBlob) {
      canvas.toBlob((blob) => {
        const url = URL.createObjectURL(blob);
        save(url, () => URL.revokeObjectURL(url));
      }, "image/png");
    } else {
      save(canvas.toDataURL("image/png"));
    }
    announce("Saved " + name + ", " + canvas.width + " by " + canvas.height + " pixels.");
    return { width: canvas.width, height: canvas.height, name: name };
  }

  document.querySelectorAll("[data-action='export-png']").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", exportPng);
  });

  /* Printing: the map as drawn, sharp, in place of the live canvas (see @media print). */
  const stage = document.getElementById("map-stage");

  function preparePrint() {
    let picture = stage.querySelector(".print-map");
    if (!picture) {
      picture = el("img", { class: "print-map", alt: "The map as it was on screen: " + figureName() + "." });
      stage.insertBefore(picture, stage.firstChild);
    }
    picture.src = renderView(2).toDataURL("image/png");
    stage.classList.add("has-print-map");
  }

  function afterPrint() {
    const picture = stage.querySelector(".print-map");
    if (picture) {
      picture.remove();
    }
    stage.classList.remove("has-print-map");
  }

  window.addEventListener("beforeprint", preparePrint);
  window.addEventListener("afterprint", afterPrint);
  document.querySelectorAll("[data-action='print']").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", () => window.print());
  });

  /* ---------------------------------------------------------------- whole system: layers */

  const caseStudyToggle = document.getElementById("show-case-studies");
  if (caseStudyToggle) {
    caseStudyToggle.disabled = false;
    caseStudyToggle.addEventListener("change", () => {
      state.hideCaseStudies = !caseStudyToggle.checked;
      afterFilterChange();
      announce(caseStudyToggle.checked ? "Case studies shown" : "Case studies hidden");
    });
  }
  document.querySelectorAll("input[name='colour-by']").forEach((input) => {
    input.disabled = false;
    input.addEventListener("change", () => {
      if (input.checked) {
        state.colourBy = input.value;
        document.getElementById("layer-colours").classList.toggle("by-layer", input.value === "layer");
        render();
      }
    });
  });

  /* ---------------------------------------------------------------- routes between two bodies */

  const routesToggle = document.getElementById("routes-toggle");
  const routeFrom = document.getElementById("route-from");
  const routeTo = document.getElementById("route-to");
  const routesList = document.getElementById("routes-list");
  const routesStatus = document.getElementById("routes-status");
  const ROUTE_LIMIT = 5;
  const STEPS_PER_SENTENCE = 3;
  let routes = [];

  /* A body from what was typed: its name, acronym or id (case-insensitive), or a unique prefix. */
  function resolveBody(text) {
    const wanted = text.trim().toLowerCase().replace(/\s*\([^)]*\)\s*$/, "");
    const ids = Object.keys(data.nodes).filter((id) => !isNodeFiltered(id));
    const exact = ids.filter((id) => id === wanted || data.nodes[id].label.toLowerCase() === wanted
      || (data.nodes[id].acronym || "").toLowerCase() === wanted);
    if (exact.length) {
      return { id: exact[0] };
    }
    const prefix = ids.filter((id) => data.nodes[id].label.toLowerCase().indexOf(wanted) === 0);
    if (wanted && prefix.length === 1) {
      return { id: prefix[0] };
    }
    const near = ids.filter((id) => wanted && data.nodes[id].label.toLowerCase().indexOf(wanted) >= 0).slice(0, 4);
    return { error: wanted ? "No body on this map is called \u201c" + text.trim() + "\u201d."
      + (near.length ? " Did you mean " + near.map((id) => data.nodes[id].label).join(", ") + "?" : "")
      : "Choose two bodies." };
  }

  function edgeHidden(edge) {
    const item = edges.get(edge.id);
    return Boolean(item && item.hidden);
  }

  /* Every shortest route over the map's relations in either direction, best first: fewest
     implied relations, then fewest through case studies, then fewest walked against the arrow. */
  function findRoutes(from, to) {
    const pairs = new Map();
    const neighbours = new Map();
    const key = (a, b) => (a < b ? a + "\u0000" + b : b + "\u0000" + a);
    data.edges.forEach((edge) => {
      if (edgeHidden(edge)) {
        return;
      }
      const k = key(edge.source, edge.target);
      if (!pairs.has(k)) {
        pairs.set(k, []);
        [[edge.source, edge.target], [edge.target, edge.source]].forEach(([a, b]) => {
          if (!neighbours.has(a)) {
            neighbours.set(a, []);
          }
          neighbours.get(a).push(b);
        });
      }
      pairs.get(k).push(edge);
    });
    const distance = new Map([[from, 0]]);
    const before = new Map();
    const queue = [from];
    while (queue.length) {
      const here = queue.shift();
      (neighbours.get(here) || []).slice().sort().forEach((next) => {
        if (!distance.has(next)) {
          distance.set(next, distance.get(here) + 1);
          before.set(next, [here]);
          queue.push(next);
        } else if (distance.get(next) === distance.get(here) + 1) {
          before.get(next).push(here);
        }
      });
    }
    if (!distance.has(to)) {
      return { routes: [], count: 0 };
    }
    const paths = [];
    (function walk(node, tail) {
      if (paths.length >= 2000) {
        return;
      }
      if (node === from) {
        paths.push([from].concat(tail));
        return;
      }
      before.get(node).forEach((previous) => walk(previous, [node].concat(tail)));
    })(to, []);
    const found = paths.map((path) => {
      const steps = path.slice(1).map((there, i) => {
        const here = path[i];
        return pairs.get(key(here, there)).slice().sort((a, b) =>
          (a.evidence !== "stated") - (b.evidence !== "stated") || (a.source !== here) - (b.source !== here)
          || Boolean(a.case_study) - Boolean(b.case_study) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
      });
      const score = [steps.filter((e) => e.evidence === "implied").length, steps.filter((e) => e.case_study).length,
        steps.filter((e, i) => e.source !== path[i]).length];
      return { nodes: path, edges: steps, score: score };
    });
    found.sort((a, b) => a.score[0] - b.score[0] || a.score[1] - b.score[1] || a.score[2] - b.score[2]
      || (a.nodes.join() < b.nodes.join() ? -1 : 1));
    return { routes: found.slice(0, ROUTE_LIMIT), count: paths.length };
  }

  /* A route as sentences that respect each relation's direction: a step along the arrow goes on
     with ", which ...", a step against it starts a new sentence with that relation's subject. */
  function routeSentences(route) {
    const sentences = [];
    let current = "";
    let count = 0;
    route.edges.forEach((edge, i) => {
      const here = route.nodes[i];
      const there = route.nodes[i + 1];
      const mark = edge.evidence === "implied" ? " (implied)" : "";
      const forward = edge.source === here;
      if (forward && current && count < STEPS_PER_SENTENCE) {
        current += ", which " + edge.reading + " " + data.nodes[there].obj + mark;
        count += 1;
      } else {
        if (current) {
          sentences.push(current + ".");
        }
        current = data.nodes[edge.source].subj + " " + edge.reading + " " + data.nodes[edge.target].obj + mark;
        count = 1;
      }
    });
    if (current) {
      sentences.push(current + ".");
    }
    return sentences;
  }

  function showRoute(index, opts) {
    const route = routes[index];
    if (!route) {
      return;
    }
    Array.prototype.forEach.call(routesList.children, (li, i) => li.classList.toggle("current", i === index));
    current = null;
    closePanel();
    network.setSelection({ nodes: route.nodes, edges: route.edges.map((e) => e.id) }, { unselectAll: true, highlightEdges: false });
    emphasise(route.nodes, route.edges.map((e) => e.id));
    const box = nodeBounds(route.nodes);
    if (box) {
      showBox(box, { animate: !(opts && opts.instant), margin: 60, maxScale: 1 });
    }
  }

  function listRoutes(from, to) {
    const result = findRoutes(from, to);
    routes = result.routes;
    routesList.textContent = "";
    if (!routes.length) {
      routesStatus.textContent = "No route links " + data.nodes[from].label + " and " + data.nodes[to].label
        + " on this map" + (filtersActive() || state.hideCaseStudies ? " with the current filters." : ".");
      emphasise();
      return;
    }
    const steps = routes[0].edges.length;
    routesStatus.textContent = (result.count === 1 ? "One shortest route" : result.count + " shortest routes")
      + " of " + steps + (steps === 1 ? " step" : " steps") + (result.count > routes.length ? "; the best " + routes.length + " are shown." : ".");
    routes.forEach((route, index) => {
      const implied = route.edges.some((e) => e.evidence === "implied");
      const item = el("li", { class: "route" },
        el("button", { type: "button", class: "button button-quiet route-show", "data-route": index },
          "Route " + (index + 1) + (implied ? " (includes implied relations)" : "")),
        ...routeSentences(route).map((text) => el("p", {}, text)),
        el("p", { class: "meta" }, "Guide " + pagesText(Array.from(new Set(route.edges.map((e) => e.page))).sort((a, b) => a - b))));
      routesList.appendChild(item);
    });
    showRoute(0);
  }

  function setRoutes(open) {
    routesPanel.hidden = !open;
    routesToggle.setAttribute("aria-expanded", String(open));
    updateSidebar();
    if (open) {
      routeFrom.focus({ preventScroll: true });
    } else if (routes.length) {
      routes = [];
      routesList.textContent = "";
      routesStatus.textContent = "";
      network.unselectAll();
      emphasise();
    }
  }

  /* The bodies the route boxes suggest, by name: filled after the first frame (see finishLoading). */
  function fillRouteBodies() {
    const options = document.getElementById("route-bodies");
    if (!options) {
      return;
    }
    Object.keys(data.nodes).sort((a, b) => data.nodes[a].label.localeCompare(data.nodes[b].label)).forEach((id) => {
      const node = data.nodes[id];
      options.appendChild(el("option", { value: node.label + (node.acronym ? " (" + node.acronym + ")" : "") }));
    });
  }

  if (routesPanel && routesToggle) {
    routesToggle.disabled = false;
    routesToggle.addEventListener("click", () => setRoutes(routesPanel.hidden));
    routesPanel.querySelector("[data-action='routes-close']").addEventListener("click", () => {
      setRoutes(false);
      routesToggle.focus();
    });
    document.getElementById("routes-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const a = resolveBody(routeFrom.value);
      const b = resolveBody(routeTo.value);
      if (a.error || b.error) {
        routesList.textContent = "";
        routesStatus.textContent = a.error || b.error;
        return;
      }
      if (a.id === b.id) {
        routesStatus.textContent = "Choose two different bodies.";
        return;
      }
      listRoutes(a.id, b.id);
    });
    routesList.addEventListener("click", (event) => {
      const button = event.target.closest("[data-route]");
      if (button) {
        showRoute(Number(button.getAttribute("data-route")));
      }
    });
  }

  /* ---------------------------------------------------------------- text version */

  /* Every body with its role and relations, as a list: for keyboard and screen-reader
     users, for print, and for anyone who prefers reading to looking. The bodies' names are
     one tab stop: arrow keys move between them, Enter selects one on the map. */
  function renderTwin() {
    const list = document.getElementById("twin-list");
    if (!list) {
      return;
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
      const related = data.edges.filter((edge) => edge.source === id || edge.target === id);
      if (related.length) {
        entry.appendChild(el("ul", { class: "relations" },
          ...related.map((edge) => relationItem(edge, id, false, { tabindex: "-1" }))));
      }
      list.appendChild(entry);
    });
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
  // After the first frame: on large maps these lists are thousands of elements, and the map comes first.
  function finishLoading() {
    renderTwin();
    fillRouteBodies();
    document.documentElement.setAttribute("data-policymap-ready", "");
  }
  if (window.requestAnimationFrame) {
    requestAnimationFrame(() => setTimeout(finishLoading, 0));
  } else {
    finishLoading();
  }

  /* ---------------------------------------------------------------- keyboard */

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    const key = event.key;
    if (key === "Escape") {
      // Close the innermost thing open: the legend (when in it or over the projected map),
      // the details, presentation mode, then the tour.
      if (!legend.hidden && (legend.contains(document.activeElement) || state.mode === "present")) {
        const hadFocus = legend.contains(document.activeElement);
        setLegend(false);
        if (hadFocus) {
          legendToggle.focus({ preventScroll: true });
        }
      } else if (current) {
        clear({ push: true });
      } else if (state.mode === "present") {
        setPresent(false);
      } else if (activeTour) {
        endTour({ push: true });
        fitAll(true);
      } else {
        return;
      }
      event.preventDefault();
      return;
    }
    if (isTyping(target) || activatesControl(target, key) || (target.closest && target.closest("#twin-list"))) {
      return;
    }
    const stepping = /^(ArrowRight|ArrowLeft|PageDown|PageUp| |Spacebar)$/.test(key);
    if (stepping && inFormControl(target)) {
      return; // arrows move within radio groups; space ticks boxes
    }
    if (activeTour && (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Spacebar")) {
      event.preventDefault();
      stepBy(1, false);
    } else if (activeTour && (key === "ArrowLeft" || key === "PageUp")) {
      event.preventDefault();
      stepBy(-1, false);
    } else if (key === "p" || key === "P") {
      event.preventDefault();
      setPresent(state.mode !== "present");
      if (state.mode === "present") {
        showBar();
      }
    } else if (key === "1" || key === "2" || key === "0") {
      setFocusDepth(Number(key));
    }
  });

  /* ---------------------------------------------------------------- deep links */

  function applyHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const nodeId = params.get("node");
    const tour = params.get("tour") ? findTour(params.get("tour")) : null;
    if (nodeId && data.nodes[nodeId]) {
      if (!current || current.type !== "node" || current.id !== nodeId) {
        selectNode(nodeId, { push: false, centre: true });
      }
    } else if (tour) {
      const step = Math.min(Math.max(parseInt(params.get("step") || "1", 10) || 1, 1), tour.steps.length) - 1;
      if (!activeTour || activeTour.tour !== tour || activeTour.index !== step) {
        showStep(tour, step, { push: false });
      }
    } else if (current && current.type === "node") {
      clear({ push: false });
    } else if (activeTour) {
      endTour({ push: false });
      fitAll(true);
    }
  }

  window.addEventListener("popstate", applyHash);
  window.addEventListener("hashchange", applyHash);

  if (presentRequested) {
    setPresent(true, { url: false });
  } else {
    network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px");
    fitAll(false);
  }
  applyHash();

  window.policymap = {
    network: network,
    data: data,
    tours: data.tours.map((tour) => ({ id: tour.id, title: tour.title,
      steps: tour.steps.map((step) => ({ title: step.title, text: step.text, nodes: step.nodes.slice(), edges: (step.edges || []).slice() })) })),
    select: (id) => selectNode(id, { push: true }),
    clear: () => clear({ push: true }),
    present: (on) => setPresent(on !== false),
    setFilter: setFilter,
    resetFilters: () => resetFilters(),
    setFocusDepth: setFocusDepth,
    exportPng: exportPng,
    renderView: renderView,
    routes: (from, to) => {
      const found = findRoutes(from, to);
      return { count: found.count, routes: found.routes.map((route) => ({ nodes: route.nodes,
        edges: route.edges.map((e) => e.id), sentences: routeSentences(route) })) };
    },
    preparePrint: preparePrint,
    state: () => ({ mode: state.mode, focusDepth: state.focusDepth, tour: activeTour ? activeTour.tour.id : null,
      step: activeTour ? activeTour.index + 1 : null, selected: current ? current.id : null,
      hidden: { kind: Array.from(state.hiddenKinds), level: Array.from(state.hiddenLevels), relation: Array.from(state.hiddenRelations) } }),
  };
})();
