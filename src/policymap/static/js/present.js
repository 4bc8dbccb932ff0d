/* present.js: the two ways a map is drawn, as one style table each. Normal mode is the map on
   a screen; presentation mode is the map on a projector (its own layout from the build, large
   labels, stark colours, panels over the map). Views look the mode up here once instead of
   asking "are we presenting?" as they go. */

const FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const { option } = pm.text;

function edgeColor(color) {
  if (typeof color === "string") {
    return { color: color, highlight: color, hover: color };
  }
  return Object.assign({}, color || {});
}

/* Colours for Figure 1's layers (whole-system map): shape still tells the kind. */
function layerColour(data, id) {
  const layers = data.layers || {};
  const style = layers[data.nodes[id].layer || "none"] || layers.none;
  return style ? { background: style.fill, border: style.color,
    highlight: { background: style.fill, border: "#000000" }, hover: { background: style.fill, border: style.color } } : null;
}

/* The normal style, from the map's vis-network options. */
function normal(data) {
  const options = data.vis.options || {};
  const nodeOptions = options.nodes || {};
  const edgeOptions = options.edges || {};
  const groups = options.groups || {};
  const nodeFont = option(option(nodeOptions, "font", {}), "color", "#343434");
  return {
    name: "normal",
    overlays: false, // panels sit beside the map, not over it
    zoomStrip: 44, // the zoom buttons' strip on the right
    fitMargin: 12,
    frame: { margin: 40, maxScale: 1 },
    regions: data.regions || [],
    position: (base) => [base.x, base.y],
    node(base, faded, hidden, state) {
      const group = groups[base.group] || {};
      return Object.assign({}, base, {
        hidden: hidden,
        font: { size: option(nodeOptions.font, "size", 14), color: faded ? "rgba(60, 66, 75, 0.3)" : nodeFont },
        margin: option(nodeOptions, "margin", 5), widthConstraint: option(nodeOptions, "widthConstraint", false),
        borderWidth: option(nodeOptions, "borderWidth", 1), borderWidthSelected: option(nodeOptions, "borderWidthSelected", 2),
        opacity: faded ? 0.25 : 1, color: (state.colourBy === "layer" && layerColour(data, base.id)) || group.color,
        shapeProperties: group.shapeProperties || {},
      });
    },
    edge(base, faded, hidden) {
      const width = option(base, "width", option(edgeOptions, "width", 1));
      return Object.assign({}, base, { hidden: hidden, width: width,
        color: Object.assign(edgeColor(base.color), { opacity: faded ? 0.15 : 1 }) });
    },
    region: (region) => ({ fill: region.inset ? "#fff8e1" : "#f0f3f7", stroke: region.inset ? "#a86a00" : "#c5ccd6",
      width: region.inset ? 2 : 1, ink: "#4a5563", font: "600 16px " + FACE, size: 16, inset: 10, top: 10 }),
  };
}

/* The presentation style: the build's presentation layout and sizes (data.present). Maps too
   large to pack at projector size have none and present with the normal style's layout. */
function presenting(data) {
  const base = normal(data);
  const present = data.present;
  const groups = (data.vis.options || {}).groups || {};
  const style = Object.assign({}, base, {
    name: "present",
    overlays: true, // panels, the tour card and the bar lie over the map
    zoomStrip: 0,
    frame: { margin: 24, maxScale: 1.6 },
    edge(item, faded, hidden) {
      const width = option(item, "width", option((data.vis.options.edges || {}), "width", 1));
      // Relation names: views/labels.js names the ones that stand out, large.
      return Object.assign({}, item, { hidden: hidden, width: width * 1.7,
        color: Object.assign(edgeColor(item.color), { opacity: faded ? 0.1 : 1 }) });
    },
  });
  if (!present) {
    return style;
  }
  return Object.assign(style, {
    fitMargin: present.fit_margin,
    regions: present.regions || [],
    position: (item) => present.positions[item.id] || [item.x, item.y],
    node(item, faded, hidden) {
      const kind = present.kinds[item.group] || {};
      const group = groups[item.group] || {};
      const xy = present.positions[item.id] || [item.x, item.y];
      return Object.assign({}, item, {
        x: xy[0], y: xy[1], label: option(present.labels, item.id, item.label), hidden: hidden,
        font: { size: present.font, color: faded ? "rgba(0, 0, 0, 0.28)" : "#000000" },
        margin: present.margin, widthConstraint: false, borderWidth: present.border,
        borderWidthSelected: present.border + 2, opacity: faded ? 0.18 : 1,
        color: kind.color || group.color,
        shapeProperties: Object.assign({}, group.shapeProperties || {}, { borderRadius: option(kind, "radius", 0) }),
      });
    },
    region: (region) => ({ fill: region.inset ? "#fff4d6" : "#f1f3f6", stroke: region.inset ? "#7a4b00" : "#5b6573", width: 2,
      ink: "#000000", font: "700 " + present.heading + "px " + FACE, size: present.heading, inset: 6, top: 5 }),
  });
}

/* The style table for each mode, built once per page; on a map with a timeline, one per date,
   looked up from the state (getState) whenever a view asks for styles.normal or styles.present. */
function styles(data, getState) {
  if (data.parts && data.parts.length && getState) {
    return partedStyles(data, getState);
  }
  if (!data.timeline || !getState) {
    return { normal: normal(data), present: presenting(data) };
  }
  const byDate = new Map();
  const forDate = () => {
    const v = pm.timeline.view(data, getState().at);
    if (!byDate.has(v.date)) {
      byDate.set(v.date, v.guide ? { normal: normal(data), present: presenting(data) } : datedStyles(data, v));
    }
    return byDate.get(v.date);
  };
  return { get normal() { return forDate().normal; }, get present() { return forDate().present; } };
}

/* The whole-system map's styles: normal mode draws it whole; presentation mode draws the part the
   state shows (pm.parts.current), at that part's layout, with every other body and the relations
   reaching them hidden. One presentation style per part, made when first shown. */
function partedStyles(data, getState) {
  const whole = normal(data);
  const byPart = new Map();
  const forPart = () => {
    const part = pm.parts.current(data, getState());
    const key = part ? part.id : "";
    if (!byPart.has(key)) {
      byPart.set(key, part ? partStyle(data, part) : presenting(data));
    }
    return byPart.get(key);
  };
  return { normal: whole, get present() { return forPart(); } };
}

function partStyle(data, part) {
  const shown = new Set(part.bodies);
  const style = presenting(part.present ? Object.assign({}, data, { present: part.present }) : data);
  const node = style.node;
  const edge = style.edge;
  style.part = part.id;
  style.node = (item, faded, hidden, state) => node(item, faded, hidden || !shown.has(item.id), state);
  style.edge = (item, faded, hidden, state) => edge(item, faded, hidden || !shown.has(item.from) || !shown.has(item.to), state);
  return style;
}

/* Styles for a later date: the later layout's places, labels and regions, and that date's
   presentation layout; bodies that had ended are drawn faded and dashed where they stood. */
function datedStyles(data, v) {
  const dated = Object.assign({}, data, { regions: v.layout.regions,
    present: v.present ? Object.assign({ kinds: (data.present || {}).kinds || {} }, v.present) : data.present });
  const place = (item) => {
    const xy = v.layout.positions[item.id];
    return xy ? Object.assign({}, item, { x: xy[0], y: xy[1], label: option(v.layout.labels, item.id, item.label) }) : item;
  };
  const out = { normal: normal(dated), present: presenting(dated) };
  const node = out.normal.node;
  out.normal.position = (item) => { const p = place(item); return [p.x, p.y]; };
  out.normal.node = (item, faded, hidden, state) => {
    const drawn = node(place(item), faded || v.ended.has(item.id), hidden, state);
    return v.ended.has(item.id) ? Object.assign(drawn, { opacity: 0.35,
      shapeProperties: Object.assign({}, drawn.shapeProperties || {}, { borderDashes: [6, 4] }) }) : drawn;
  };
  const edge = out.normal.edge;
  out.normal.edge = (item, faded, hidden, state) => edge(item, faded || v.endedEdges.has(item.id), hidden, state);
  return out;
}

pm.present = { styles, FACE };
