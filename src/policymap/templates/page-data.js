/* policymap page data: one map's own view (layout, tours, presentation, dates), for its page. */
window.policymapPage = JSON.parse({{ page_data|tojson|tojson }});
