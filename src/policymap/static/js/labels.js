/* labels.js: relation names on the map (pure). Which relations are named, how large, and where
   each name goes so that none sits on another or on a body. vis-network's own edge labels are
   not used: it writes every name along its line, so names stack where lines meet ("works through
   works through ...") and shrink with the map, which is small when projected.

   Sizes are CSS pixels on screen. Relations that stand out (a selected relation, a route, a
   selected body's own relations, a tour step's) are named large whatever the zoom; in normal
   mode the others are named at the map's own size, which grows and shrinks with the zoom, and
   are left out where they would be too small to read or would cover something. */

const SIZES = { present: 20, tour: 18, normal: 13, smallest: 6, selected: [12, 16] };

/* The relations that stand out for the state (a Set of edge ids, none hidden). */
function highlighted(data, state, hide) {
  const sel = state.selection;
  const shown = (ids) => new Set(ids.filter((id) => !hide.edges.has(id)));
  if (sel && sel.type === "edge") {
    return shown([sel.id]);
  }
  if (sel && sel.type === "route") {
    const r = pm.select.route(data, state);
    return shown(r ? r.edges.map((e) => e.id) : []);
  }
  if (sel && sel.type === "node") {
    return shown((data.edgesOf.get(sel.id) || []).map((e) => e.id));
  }
  const s = pm.select.step(data, state);
  return shown(s ? pm.select.stepParts(data, s).edges : []);
}

/* Which relations are named: {large: [ids], small: [ids]}, each in the order they are placed
   (so the ones that matter find room first). relationLabels "none" names none; "all" names
   every relation on show, faded ones too; "auto" names the ones that stand out and, in normal
   mode, the rest that are not faded. In presentation mode only the ones that stand out. */
function named(data, state) {
  if (state.relationLabels === "none") {
    return { large: [], small: [] };
  }
  const hide = pm.select.hidden(data, state);
  const large = highlighted(data, state, hide);
  const stand = pm.select.emphasis(data, state);
  const dated = pm.timeline.view(data, state.at);
  const ended = dated ? dated.endedEdges : new Set(); // drawn faded where they stood
  const small = state.mode === "present" && state.relationLabels !== "all" ? [] : data.edges
    .filter((e) => !large.has(e.id) && !hide.edges.has(e.id))
    .filter((e) => state.relationLabels === "all" || ((!stand || stand.edges.has(e.id)) && !ended.has(e.id)))
    .map((e) => e.id);
  return { large: Array.from(large).sort(), small: small };
}

/* The on-screen size of a relation's name. Large ones: 20 px when projected, 18 px in a tour,
   and for a selection in normal mode the map's own size made bold, kept between 12 and 16 px.
   Small ones: the map's own size times the zoom (`scale`), or 0 where that is too small to read. */
function size(kind, state, scale) {
  const px = SIZES.normal * scale;
  if (kind === "large") {
    if (state.mode === "present") {
      return SIZES.present;
    }
    return state.tour ? SIZES.tour : Math.min(SIZES.selected[1], Math.max(SIZES.selected[0], px));
  }
  return px >= SIZES.smallest ? px : 0;
}

/* Boxes kept in a grid of cells, for asking what lies near a box without looking at all. */
function grid(cell) {
  const cells = new Map();
  const keys = (b) => {
    const out = [];
    for (let x = Math.floor(b.left / cell); x <= Math.floor(b.right / cell); x += 1) {
      for (let y = Math.floor(b.top / cell); y <= Math.floor(b.bottom / cell); y += 1) {
        out.push(x + "," + y);
      }
    }
    return out;
  };
  return {
    add(box) {
      keys(box).forEach((k) => {
        if (!cells.has(k)) {
          cells.set(k, []);
        }
        cells.get(k).push(box);
      });
    },
    hits(box) {
      return keys(box).some((k) => (cells.get(k) || []).some((o) => overlaps(o, box)));
    },
  };
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/* Along the line, from its middle outwards. */
const ALONG = [0.5, 0.44, 0.56, 0.38, 0.62, 0.32, 0.68, 0.26, 0.74, 0.2, 0.8, 0.14, 0.86];

function boxAt(c, width, height) {
  return { left: c.x - width / 2, top: c.y - height / 2, right: c.x + width / 2, bottom: c.y + height / 2 };
}

function inside(box, area) {
  return !area || (box.left >= area.left && box.top >= area.top && box.right <= area.right && box.bottom <= area.bottom);
}

/* Where along a line (0 at `from`, 1 at `to`) a box lies across it: [enter, leave], or null. */
function across(n, box) {
  let enter = 0;
  let leave = 1;
  const dx = n.to.x - n.from.x;
  const dy = n.to.y - n.from.y;
  const clip = (d, low, high, start) => { // Liang-Barsky, one axis
    if (!d) {
      return start >= low && start <= high;
    }
    const a = (low - start) / d;
    const b = (high - start) / d;
    enter = Math.max(enter, Math.min(a, b));
    leave = Math.min(leave, Math.max(a, b));
    return enter <= leave;
  };
  return clip(dx, box.left, box.right, n.from.x) && clip(dy, box.top, box.bottom, n.from.y) ? [enter, leave] : null;
}

/* The parts of a line no box covers, longest first: [[start, end], ...] along it. */
function openParts(n, boxes) {
  let parts = [[0, 1]];
  boxes.forEach((box) => {
    const cut = box && across(n, box);
    if (cut) {
      parts = parts.flatMap(([a, b]) => [[a, Math.min(b, cut[0])], [Math.max(a, cut[1]), b]]).filter(([a, b]) => b - a > 1e-6);
    }
  });
  return parts.sort((p, q) => (q[1] - q[0]) - (p[1] - p[0]) || p[0] - q[0]);
}

/* Where along a line its two bodies leave it open: [start, end], or [0, 1] when the bodies
   leave nothing between them. */
function open(n) {
  return openParts(n, n.ends || []).find(([a, b]) => a > 0 && b < 1) || [0, 1];
}

/* The point at `u` along a line (0 at `from`, 1 at `to`). */
function point(n, u) {
  return { x: n.from.x + u * (n.to.x - n.from.x), y: n.from.y + u * (n.to.y - n.from.y) };
}

const AROUND = [[0, -1], [0, 1], [1, 0], [-1, 0], [1, -1], [-1, -1], [1, 1], [-1, 1]];

/* The places a name may take on its line, as near the middle of its open part as may be.
   Each place is {c: centre, anchor: null, over: false}. */
function alongLine(n) {
  const [t0, t1] = open(n);
  return ALONG.map((t) => ({ c: point(n, t0 + t * (t1 - t0)), anchor: null, over: false }));
}

/* The other places a large name may take, best first: on its line over faded bodies (marked
   `over`), then off its line with a leader back to it (bodies packed close for projection leave
   little line between them), nearest first, clear of bodies and then over faded ones. A leader
   meets the line where it shows: the middles of the parts no body that stands out covers. */
function offLine(n, keep) {
  const anchors = openParts(n, (n.ends || []).concat(keep || [])).slice(0, 3).flatMap(([a, b]) =>
    [(a + b) / 2].concat(b - a > 0.3 ? [a + 0.25 * (b - a), a + 0.75 * (b - a)] : [])).map((u) => point(n, u));
  const off = [];
  [0.8, 1.8, 3, 4.5, 6.5].forEach((gap) => anchors.forEach((p) => AROUND.forEach(([dx, dy]) => {
    off.push({ c: { x: p.x + dx * (n.width / 2 + gap * n.height), y: p.y + dy * (n.height / 2 + gap * n.height) }, anchor: p, over: false });
  })));
  const over = (c) => Object.assign({}, c, { over: true });
  return alongLine(n).map(over).concat(off, off.map(over));
}

/* Where each name goes. `names`: [{id, text, width, height, from: {x, y}, to: {x, y}, large,
   source, target, ends}] in the order they are placed, sizes and points in one unit (the
   map's), `ends` the boxes of the line's two bodies; `solids`: the boxes of the bodies and
   region headings on show; `area`: the box names must lie in (the part of the map in view), or
   null; `keep`: boxes no name may cover (the bodies that stand out).
   A name sits on its line, as near the middle as leaves it clear of the names already placed
   and of every solid. A large name with no room there is named by a large name already placed
   with the same words and one of the same bodies, if there is one; otherwise it sits on its
   line over a faded body, or off its line with a leader, but never over another name, a body
   in `keep` or its own two. A name that finds no place is left out. Answers [{id, names, left, top, right,
   bottom, x, y, anchor}]: `names` the relations it names (its own first), (x, y) its centre,
   `anchor` where its leader meets the line, or null for a name on its line. */
function place(names, solids, cell, area, keep) {
  const taken = grid(cell);
  const solid = grid(cell);
  solids.forEach((b) => solid.add(b));
  const out = [];
  const byId = new Map(names.map((n) => [n.id, n]));
  // A large name already placed with the same words and one of the same bodies: a fan of
  // "works through" lines into one body needs the words once, not once a line with leaders.
  const host = (n) => out.find((p) => {
    const m = byId.get(p.id);
    return m.large && m.text === n.text && (m.source === n.source || m.target === n.target);
  });
  names.forEach((n) => {
    const ends = (n.ends || []).concat(keep || []);
    const fits = ([box, t]) => inside(box, area) && !taken.hits(box) && (t.over ? !ends.some((e) => overlaps(e, box)) : !solid.hits(box));
    const boxes = (places) => places.map((t) => [boxAt(t.c, n.width, n.height), t]);
    let found = boxes(alongLine(n)).find(fits);
    const shared = !found && n.large && n.source && host(n);
    if (shared) {
      shared.names.push(n.id);
      return;
    }
    found = found || (n.large ? boxes(offLine(n, keep)).find(fits) : undefined); // the leader places only when needed
    if (found) {
      const box = found[0];
      const gap = n.height * 0.2; // names side by side read as one: keep a little air between them
      taken.add({ left: box.left - gap, top: box.top - gap, right: box.right + gap, bottom: box.bottom + gap });
      out.push(Object.assign({ id: n.id, names: [n.id], x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2,
        anchor: found[1].anchor }, box));
    }
  });
  return out;
}

pm.labels = { SIZES, highlighted, named, size, place, open, openParts, overlaps };
