/* data.js: the wire format in (typed on the Python side: policymap.pagedata, and
   schema/page-data.schema.json). A map's own view (layout, tours, presentation layout, dates)
   comes from assets/maps/<page>.js (window.policymapPage); what the map pages share (bodies,
   relations, terms) comes once from assets/site-data.js (window.policymapSite). join() puts the two together and resolves lookups once;
   every reading, label and text was computed by the build, nothing is derived here. */

function join(page, site) {
  const maps = site.maps || {};
  const siteEdges = (site.edges || {})[page.figure.id] || {};
  const raw = Object.assign({}, page, {
    kinds: site.kinds || {}, levels: site.levels || {}, layers: site.layers || {},
    relations: site.relations || {}, glossary: site.glossary || {}, websites: site.websites || {},
    maps: maps, aliases: site.aliases || {},
    kindStyles: new Map(((site.legend || {}).kinds || []).map(([id, colour, fill, shape]) => [id, { colour: colour, fill: fill, shape: shape }])),
    // the page's relations in drawing order, each keyed by its id: source--relation--target
    edges: page.vis.edges.map((visEdge) => Object.assign({ id: visEdge.id, key: visEdge.id }, siteEdges[visEdge.id])),
    nodes: {}, others: {},
  });
  raw.vis = Object.assign({ options: site.vis_options || {} }, page.vis);
  const withKinds = (present) => Object.assign({ kinds: site.present_kinds || {} }, present); // presentation styles per kind
  if (raw.present) {
    raw.present = withKinds(page.present);
  }
  raw.parts = (page.parts || []).map((part) => part.present ? Object.assign({}, part, { present: withKinds(part.present) }) : part);
  const bodies = site.bodies || {};
  const later = addLater(raw, page);
  raw.vis.nodes.forEach((visNode) => {
    const id = visNode.id;
    const patch = (page.nodes || {})[id] || {};
    const node = Object.assign({ id: id }, later[id] || bodies[id], patch);
    (patch.unset || []).forEach((key) => { delete node[key]; });
    delete node.unset;
    node.subj = node.subj || node.label; // the wire leaves out phrases that are just the label
    node.obj = node.obj || node.label;
    node.again = node.again || node.obj;
    if (later[id] && node.acronym) {
      node.acronym_expansion = node.label;
    }
    node.facts = node.facts || [];
    node.pages = node.pages || [];
    node.glossary = (node.glossary || []).filter((t) => raw.glossary[t]).map((t) => ({
      id: t, term: raw.glossary[t].term, definition: raw.glossary[t].definition }));
    node.website = node.website && raw.websites[node.website] ? raw.websites[node.website] : null;
    node.also_in = (node.figures || []).filter((m) => m !== page.figure.id && maps[m]).map((m) => ({
      number: maps[m].number, title: maps[m].title, url: maps[m].url + "#node=" + id }));
    raw.nodes[id] = node;
  });
  // Bodies of other maps: enough to say where they are when an address names one.
  Object.keys(bodies).forEach((id) => {
    if (!raw.nodes[id]) {
      raw.others[id] = { label: bodies[id].label, figures: (bodies[id].figures || []).filter((m) => maps[m]) };
    }
  });
  raw.edges = raw.edges.concat(laterEdges(page));
  const names = (page.timeline || {}).names || {};
  const own = Object.keys(raw.nodes).sort().map((id) => ({
    id: id, label: raw.nodes[id].label, acronym: raw.nodes[id].acronym,
    terms: raw.nodes[id].glossary.map((entry) => entry.term), names: names[id] || [], url: null }));
  const others = (site.search || []).filter((item) => !raw.nodes[item.id]);
  raw.search = own.concat(others.map((item) => Object.assign({}, item, {
    url: maps[item.map] ? maps[item.map].url + "#node=" + item.id : null, map: mapName(maps, item.map) })));
  raw.tours = raw.tours || [];
  // Lookups, not data: kept out of JSON copies of the joined data.
  const edgesOf = new Map(Object.keys(raw.nodes).map((id) => [id, []]));
  raw.edges.forEach((edge) => {
    edgesOf.get(edge.source).push(edge);
    if (edge.target !== edge.source) {
      edgesOf.get(edge.target).push(edge);
    }
  });
  raw.edges.forEach((edge) => {
    edge.relation_label = raw.relations[edge.relation][2];
    edge.subject = raw.nodes[edge.source].subj;
    edge.object = raw.nodes[edge.target].obj;
  });
  const byId = new Map(raw.edges.map((edge) => [edge.id, edge]));
  Object.defineProperty(raw, "edgesOf", { value: edgesOf, enumerable: false });
  Object.defineProperty(raw, "edgesByKey", { value: byId, enumerable: false });
  Object.defineProperty(raw, "edgesById", { value: byId, enumerable: false });
  return raw;
}

/* Bodies that came after the guide (page.timeline.nodes) join the page's vis items, hidden at
   the guide's date (the timeline decides what shows), placed by the later layout; returns their
   panel data by id. A body's lineage (came from, became) goes on each body that has one. */
function addLater(raw, page) {
  const t = page.timeline;
  if (!t) {
    return {};
  }
  const later = {};
  const positions = t.layouts.later.positions;
  raw.vis = Object.assign({}, raw.vis, { nodes: raw.vis.nodes.slice(), edges: raw.vis.edges.slice() });
  Object.keys(t.nodes).sort().forEach((id) => {
    const node = t.nodes[id];
    const xy = positions[id];
    raw.vis.nodes.push({ id: id, label: node.vis.label, group: node.vis.group, x: xy[0], y: xy[1] });
    later[id] = Object.assign({}, node, { later: true });
    delete later[id].vis;
  });
  Object.keys(t.edges).forEach((id) => {
    const e = t.edges[id];
    const item = { id: id, from: e.from, to: e.to, color: e.color, label: e.label };
    if (e.dashes) {
      item.dashes = true;
    }
    if (e.width) {
      item.width = e.width;
    }
    if (e.arrows) {
      item.arrows = e.arrows; // the relation family's own head, as on the guide's relations
    }
    raw.vis.edges.push(item);
  });
  raw.lineage = t.lineage || {};
  return later;
}

/* The page's later relations as data.edges entries (with their sources, in place of a page). */
function laterEdges(page) {
  const t = page.timeline;
  return t ? Object.keys(t.edges).map((id) => {
    const e = t.edges[id];
    return { id: id, key: id, source: e.from, target: e.to, relation: e.relation, reading: e.reading, inverse: e.inverse,
      evidence: e.evidence,
      note: e.note, sources: e.sources || [], later: true };
  }) : [];
}

/* "Figure 3", or a map's title when it has no number. */
function mapName(maps, id) {
  return maps[id] ? maps[id].name : id;
}

/* Where a body that is not on this map is: its label and the maps that show it (name, url). */
function elsewhere(data, id) {
  const other = data.others[id];
  if (!other) {
    return null;
  }
  return { id: id, label: other.label, maps: other.figures.map((m) => ({
    id: m, number: data.maps[m].number || null, name: mapName(data.maps, m), url: data.maps[m].url + "#node=" + id })) };
}

/* "Neighbourhood Renewal Unit is on Figures 3 and 4" as words (links are added by the view). */
function elsewhereText(place) {
  const numbered = place.maps.filter((m) => m.number);
  const named = place.maps.filter((m) => !m.number).map((m) => m.name);
  const parts = [];
  if (numbered.length) {
    parts.push((numbered.length === 1 ? "Figure " : "Figures ") + pm.text.listText(numbered.map((m) => String(m.number))));
  }
  return place.label + " is not on this map. It is on " + pm.text.listText(parts.concat(named.map((n) => "“" + n + "”"))) + ".";
}

pm.data = { join, mapName, elsewhere, elsewhereText };
