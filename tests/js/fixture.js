/* A small map in the wire format (a page's JSON island and the shared site data), for the node tests. */
"use strict";

function fixture() {
  const node = (id, label, kind, level, extra) => Object.assign({ label: label, kind: kind, level: level, role: "Role of " + label,
    figures: ["small"] }, extra || {});
  const site = {
    kinds: { "nhs-body": "NHS body", "local-body": "Local body", partnership: "Partnership", fund: "Fund" },
    levels: { national: "National", local: "Local" },
    relations: { commissions: ["commissions", "commission", "commissions"], funds: ["funds", "fund", "funds"],
      "member-of": ["is a member of", "are members of", "member of"], supports: ["supports", "support", "supports"] },
    glossary: { pct: { term: "Primary care trust", definition: "A local NHS body." } },
    websites: {},
    maps: { small: { number: 9, title: "A small map", url: "small.html" }, other: { number: 3, title: "Another", url: "other.html" },
      more: { number: 4, title: "More", url: "more.html" } },
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
    edges: { small: [
      { source: "pct", target: "trust", relation: "commissions", evidence: "stated", page: 18 },
      { source: "pct", target: "lsp", relation: "member-of", evidence: "stated", page: 19 },
      { source: "nrf", target: "lsp", relation: "funds", evidence: "implied", page: 25 },
      { source: "study", target: "trust", relation: "supports", evidence: "stated", page: 43, case_study: "study" },
      { source: "study", target: "nrf", relation: "supports", evidence: "stated", page: 43, case_study: "study" },
    ] },
    search: [{ id: "nru", label: "Neighbourhood Renewal Unit", acronym: "NRU", map: "other" }],
  };
  const ids = ["lsp", "nrf", "pct", "study", "trust"];
  const page = {
    figure: { id: "small", number: 9, title: "A small map", as_of: "2003-05" },
    nodes: {},
    vis: { nodes: ids.map((id, i) => ({ id: id, label: site.bodies[id].label, x: i * 100, y: 0, group: site.bodies[id].kind })),
      edges: site.edges.small.map((e, i) => ({ id: "e" + i, from: e.source, to: e.target })) },
    regions: [],
    tours: [{ id: "money", title: "Following the money", steps: [
      { title: "One", text: "First.", nodes: ["nrf", "lsp"], edges: ["e2"] },
      { title: "Two", text: "Second.", nodes: ["pct", "trust"], edges: ["e0"] },
      { title: "Three", text: "Third.", nodes: ["pct"], edges: [] },
    ] }],
  };
  return { page: page, site: site };
}

module.exports = { fixture };
