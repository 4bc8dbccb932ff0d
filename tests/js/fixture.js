/* A small map in the wire format (a page's JSON island and the shared site data), for the node tests. */
"use strict";

function fixture() {
  const kinds = { "nhs-body": "NHS body", "local-body": "Local body", partnership: "Partnership", fund: "Fund" };
  const levels = { national: "National", local: "Local" };
  const node = (id, label, kind, level, extra) => Object.assign({ label: label, kind: kind, kind_label: kinds[kind], level: level,
    level_label: levels[level], role: "Role of " + label, figures: ["small"] }, extra || {});
  const readings = { commissions: ["commissions", "commission"], funds: ["funds", "fund"], "member-of": ["is a member of", "are members of"],
    supports: ["supports", "support"] };
  const plural = { pct: true, trust: true, lsp: true };
  const relation = (source, relation, target, extra) => [source + "--" + relation + "--" + target, Object.assign({ source: source,
    target: target, relation: relation, reading: readings[relation][plural[source] ? 1 : 0], evidence: "stated", page: 18 }, extra || {})];
  const site = {
    kinds: kinds,
    levels: levels,
    relations: { commissions: ["commissions", "commission", "commissions"], funds: ["funds", "fund", "funds"],
      "member-of": ["is a member of", "are members of", "member of"], supports: ["supports", "support", "supports"] },
    glossary: { pct: { term: "Primary care trust", definition: "A local NHS body." } },
    websites: {},
    maps: { small: { number: 9, title: "A small map", url: "small.html", name: "Figure 9" },
      other: { number: 3, title: "Another", url: "other.html", name: "Figure 3" }, more: { number: 4, title: "More", url: "more.html", name: "Figure 4" } },
    aliases: { TRUSTS: "trust" },
    bodies: {
      pct: node("pct", "Primary care trusts", "nhs-body", "local", { acronym: "PCT", plural: true, glossary: ["pct"],
        subj: "Primary care trusts", obj: "primary care trusts" }),
      trust: node("trust", "NHS mental health trusts", "nhs-body", "local", { plural: true, obj: "NHS mental health trusts" }),
      lsp: node("lsp", "Local strategic partnerships", "partnership", "local", { acronym: "LSP", plural: true, obj: "local strategic partnerships" }),
      nrf: node("nrf", "Neighbourhood Renewal Fund", "fund", "national", { acronym: "NRF", subj: "The Neighbourhood Renewal Fund",
        obj: "the Neighbourhood Renewal Fund" }),
      study: node("study", "A case study", "partnership", "local", { case_study: "study", case_study_role: "project",
        subj: "A case study", obj: "a case study" }),
      nru: { label: "Neighbourhood Renewal Unit", kind: "local-body", level: "national", role: "Elsewhere", figures: ["other", "more"] },
    },
    edges: { small: Object.fromEntries([
      relation("pct", "commissions", "trust"),
      relation("pct", "member-of", "lsp", { page: 19 }),
      relation("nrf", "funds", "lsp", { evidence: "implied", page: 25 }),
      relation("study", "supports", "trust", { page: 43, case_study: "study" }),
      relation("study", "supports", "nrf", { page: 43, case_study: "study" }),
    ].sort()) },
    search: [{ id: "nru", label: "Neighbourhood Renewal Unit", acronym: "NRU", map: "other" }],
  };
  const ids = ["lsp", "nrf", "pct", "study", "trust"];
  const page = {
    figure: { id: "small", number: 9, title: "A small map", name: "Figure 9: A small map", as_of: "2003-05", as_of_text: "May 2003" },
    nodes: {},
    vis: { nodes: ids.map((id, i) => ({ id: id, label: site.bodies[id].label, x: i * 100, y: 0, group: site.bodies[id].kind })),
      edges: Object.keys(site.edges.small).map((id) => ({ id: id, from: site.edges.small[id].source, to: site.edges.small[id].target })) },
    regions: [],
    tours: [{ id: "money", title: "Following the money", steps: [
      { title: "One", text: "First.", nodes: ["nrf", "lsp"], edges: ["nrf--funds--lsp"] },
      { title: "Two", text: "Second.", nodes: ["pct", "trust"], edges: ["pct--commissions--trust"] },
      { title: "Three", text: "Third.", nodes: ["pct"], edges: [] },
    ] }],
  };
  return { page: page, site: site };
}

module.exports = { fixture };
