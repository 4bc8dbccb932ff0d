/* views/labels.js: draws the relations' names over the map, as pm.labels chooses and places
   them, each on a white ground in its relation's colour. Drawn in vis-network's afterDrawing,
   so PNG exports and print pictures carry them too. placed() tells tests what was drawn. */

function createLabels(map, data, store, styles) {
  const network = map.network;
  const FACE = pm.present.FACE;
  const texts = new Map(data.vis.edges.map((e) => [e.id, e.label || ""]));
  const colours = new Map(data.vis.edges.map((e) => [e.id, typeof e.color === "string" ? e.color : (e.color || {}).color || "#343434"]));
  const widths = new Map(); // "font|text" -> width in the font's own units
  let drawn = [];
  let visible = null; // () => the part of the map element nothing covers (the camera's freeArea)

  function width(ctx, text, font) {
    const key = font + "|" + text;
    if (!widths.has(key)) {
      ctx.font = font;
      widths.set(key, ctx.measureText(text).width);
    }
    return widths.get(key);
  }

  /* The names to draw now, placed in the map's units. */
  function layout(ctx, state) {
    const scale = network.getScale();
    const chosen = pm.labels.named(data, state);
    if (!pm.labels.size("small", state, scale)) {
      chosen.small = []; // too small to read at this zoom: none drawn, so none measured or placed
    }
    const ids = chosen.large.concat(chosen.small);
    if (!ids.length) {
      return [];
    }
    const hide = pm.select.hidden(data, state);
    const outside = pm.parts.hidden(data, state); // the whole system projected: bodies of other parts
    const shown = Object.keys(data.nodes).filter((id) => !hide.nodes.has(id) && !outside.has(id) && network.body.nodes[id]);
    const positions = network.getPositions(shown);
    const boxes = new Map(shown.map((id) => [id, network.getBoundingBox(id)]));
    const solids = Array.from(boxes.values()).concat(headings(ctx, state));
    const large = new Set(chosen.large);
    const names = [];
    ids.forEach((id) => {
      const edge = data.edgesById.get(id);
      const text = texts.get(id);
      const kind = large.has(id) ? "large" : "small";
      const px = pm.labels.size(kind, state, scale);
      if (!text || !px || !positions[edge.source] || !positions[edge.target]) {
        return;
      }
      const weight = kind === "large" ? "700" : "400";
      const pad = Math.max(2, px * 0.2);
      names.push({ id: id, text: text, px: px, weight: weight, large: kind === "large",
        width: (width(ctx, text, weight + " " + px + "px " + FACE) + 2 * pad) / scale, height: (px * 1.25 + pad) / scale,
        source: edge.source, target: edge.target, from: positions[edge.source], to: positions[edge.target], ends: [boxes.get(edge.source), boxes.get(edge.target)] });
    });
    const byId = new Map(names.map((n) => [n.id, n]));
    const stand = pm.select.emphasis(data, state);
    const keep = stand ? Array.from(stand.nodes).filter((id) => boxes.has(id)).map((id) => boxes.get(id)) : [];
    return pm.labels.place(names, solids, 48 / scale, area(), keep).map((p) => Object.assign({}, byId.get(p.id), p));
  }

  /* The region headings' boxes, as views/map.js writes them. */
  function headings(ctx, state) {
    const style = styles[state.mode];
    const out = [];
    map.regions().forEach((region) => {
      const look = style.region(region);
      const lines = (region.lines && region.lines.length ? region.lines : [region.label]).filter(Boolean);
      const wide = Math.max(0, ...lines.map((line) => width(ctx, line, look.font)));
      out.push({ left: region.x + look.inset - 3, top: region.y + look.top - 2,
        right: region.x + look.inset + Math.min(wide, region.width - 2 * look.inset) + 3,
        bottom: region.y + look.top + lines.length * look.size * 1.2 });
    });
    return out;
  }

  /* The part of the map in view and not covered, in the map's units. */
  function area() {
    const free = visible ? visible() : null;
    if (!free) {
      return null;
    }
    const a = network.DOMtoCanvas({ x: free.left, y: free.top });
    const z = network.DOMtoCanvas({ x: free.left + free.width, y: free.top + free.height });
    return { left: a.x, top: a.y, right: z.x, bottom: z.y };
  }

  network.on("afterDrawing", (ctx) => {
    const state = store.getState();
    const scale = network.getScale();
    drawn = layout(ctx, state);
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    drawn.forEach((n) => {
      const colour = colours.get(n.id);
      if (n.anchor) { // a leader from the line to the nearest point of the name's box
        const to = { x: Math.min(Math.max(n.anchor.x, n.left), n.right), y: Math.min(Math.max(n.anchor.y, n.top), n.bottom) };
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2 / scale;
        ctx.beginPath();
        ctx.moveTo(n.anchor.x, n.anchor.y);
        ctx.lineTo(to.x, to.y);
        ctx.stroke();
        ctx.fillStyle = colour;
        ctx.beginPath();
        ctx.arc(n.anchor.x, n.anchor.y, 3.5 / scale, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.fillStyle = "rgba(255, 255, 255, 0.94)";
      ctx.fillRect(n.left, n.top, n.right - n.left, n.bottom - n.top);
      if (n.large) {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2 / scale;
        ctx.strokeRect(n.left, n.top, n.right - n.left, n.bottom - n.top);
      }
      ctx.font = n.weight + " " + (n.px / scale) + "px " + FACE;
      ctx.fillStyle = colour;
      ctx.fillText(n.text, n.x, n.y + n.px * 0.05 / scale);
    });
    ctx.restore();
  });

  /* What was drawn last, for tests: each name's relation, the relations it names (its own and
     those of a fan it speaks for), text, size on screen (CSS pixels), whether it stands out, and
     its box on the page. */
  function placed() {
    const frame = network.canvas.frame.getBoundingClientRect();
    return drawn.map((n) => {
      const a = network.canvasToDOM({ x: n.left, y: n.top });
      const z = network.canvasToDOM({ x: n.right, y: n.bottom });
      return { id: n.id, names: n.names, text: n.text, px: n.px, large: n.large,
        box: { left: frame.left + a.x, top: frame.top + a.y, right: frame.left + z.x, bottom: frame.top + z.y } };
    });
  }

  function render(state, previous) {
    if (previous && state.relationLabels !== previous.relationLabels) {
      network.redraw();
    }
  }

  return { render: render, placed: placed, within: (fn) => { visible = fn; } };
}

pm.views = pm.views || {};
pm.views.labels = { createLabels };
