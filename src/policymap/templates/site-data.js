/* policymap site data: every body, relation and term once, for all map pages. */
window.policymapSite = {{ site|tojson }};
