/* search.js: finding bodies by name, acronym or glossary term (pure; the view is views/search.js). */

/* The searchable fields of each entry ({id, label, acronym, terms, url, map}), lower-cased once. */
function index(items) {
  return items.map((item) => ({
    item: item,
    fields: [item.label, item.acronym].filter(Boolean).map((text) => ({ text: text.toLowerCase(), term: null }))
      .concat((item.terms || []).map((term) => ({ text: term.toLowerCase(), term: term })))
      .concat((item.names || []).map((name) => ({ text: name.toLowerCase(), term: null, name: name }))),
  }));
}

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
    if (field.name) {
      score += 1; // a former or later name ranks just after the body's own
    }
    if (best === null || score < best.score) {
      best = { score: score, term: field.term, name: field.name || null };
    }
  });
  return best;
}

/* The best 20 matches for what was typed, bodies on this map before those on others. */
function matches(entries, query) {
  const q = query.trim().toLowerCase();
  if (!q) {
    return [];
  }
  return entries
    .map((entry) => ({ entry: entry, hit: rank(entry, q) }))
    .filter((found) => found.hit)
    .sort((a, b) => a.hit.score - b.hit.score
      || (a.entry.item.url ? 1 : 0) - (b.entry.item.url ? 1 : 0)
      || a.entry.item.label.localeCompare(b.entry.item.label))
    .slice(0, 20)
    .map((found) => ({ item: found.entry.item, term: found.hit.term, name: found.hit.name }));
}

pm.search = { index, rank, matches };
