/* data.js: the wire format in. A map page carries its view inline (layout, tours, presentation
   layout) in <script id="policymap-data">; what the map pages share (bodies, relations, terms)
   comes once from assets/site-data.js. join() puts the two together and spells out lookups
   once, so the views never go back to the raw lists. */

function join(page, site) {
  const maps = site.maps || {};
  const raw = Object.assign({}, page, {
    kinds: site.kinds || {}, levels: site.levels || {}, layers: site.layers || {},
    relations: site.relations || {}, glossary: site.glossary || {}, websites: site.websites || {},
    maps: maps, edges: ((site.edges || {})[page.figure.id] || []).map((edge) => Object.assign({}, edge)),
    nodes: {}, others: {},
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
  // Bodies of other maps: enough to say where they are when an address names one.
  Object.keys(bodies).forEach((id) => {
    if (!raw.nodes[id]) {
      raw.others[id] = { label: bodies[id].label, figures: (bodies[id].figures || []).filter((m) => maps[m]) };
    }
  });
  raw.edges.forEach((edge, index) => {
    const reading = raw.relations[edge.relation];
    const source = raw.nodes[edge.source];
    edge.id = page.vis.edges[index].id; // both lists hold the page's relations in one order
    edge.key = edge.source + "--" + edge.relation + "--" + edge.target; // stable: used in addresses
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
  Object.defineProperty(raw, "edgesOf", { value: edgesOf, enumerable: false });
  Object.defineProperty(raw, "edgesByKey", { value: new Map(raw.edges.map((edge) => [edge.key, edge])), enumerable: false });
  Object.defineProperty(raw, "edgesById", { value: new Map(raw.edges.map((edge) => [edge.id, edge])), enumerable: false });
  return raw;
}

/* "Figure 3", or a map's title when it has no number. */
function mapName(maps, id) {
  return maps[id] && maps[id].number ? "Figure " + maps[id].number : (maps[id] || {}).title || id;
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
