/* policymap site data: every body, relation and term once, for all map pages. */
window.policymapSite = JSON.parse({{ site|tojson|tojson }});
