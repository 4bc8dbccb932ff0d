/* views/timeline.js: the date control ("Map as it stood"), how what had ended is shown (faded
   where it stood, or listed beside the map), and the list of what had ended by the date shown,
   each with what became of it and on whose authority. Handlers dispatch; render follows state. */

const { el } = pm.dom;

function createTimeline(data, store) {
  const select = document.getElementById("at-select");
  const endedSelect = document.getElementById("ended-select");
  const box = document.getElementById("ended");
  if (!data.timeline || !select) {
    return { render: () => {} };
  }
  select.disabled = false;
  select.addEventListener("change", () => store.dispatch({ type: "at", at: select.value }));
  if (endedSelect) {
    endedSelect.disabled = false;
    endedSelect.addEventListener("change", () => store.dispatch({ type: "ended-view", value: endedSelect.value }));
  }
  let shownKey = null;

  /* One line per body that had ended: "Primary care trusts: 1 April 2013: ... Since the guide: ...". */
  function endedItem(id) {
    const node = data.nodes[id];
    const lineage = (data.lineage || {})[id];
    const step = lineage && lineage.became_steps && lineage.became_steps[0];
    const li = el("li", {}, el("strong", {}, node.label));
    if (step) {
      li.appendChild(document.createTextNode(": " + step.date_text + ", " + step.text));
      if (step.sources.length) {
        li.appendChild(el("span", { class: "since-guide" }, " Since the guide: " + step.sources.join("; ") + "."));
      }
    }
    return li;
  }

  const asOf = document.getElementById("as-of-text");
  const guideText = asOf ? asOf.textContent : "";

  function render(state) {
    const v = pm.timeline.view(data, state.at);
    select.value = pm.timeline.controlValue(data, state.at);
    if (asOf) {
      asOf.textContent = v.guide ? guideText : "Shown as it stood in " + pm.timeline.dateLabel(data, v.date)
        + (state.at === "today" ? " (today's map)" : "") + "; the guide's figure shows " + pm.timeline.dateLabel(data, data.timeline.guide).replace(/ \(the guide\)$/, "") + ".";
    }
    if (endedSelect) {
      endedSelect.value = state.endedView;
    }
    if (!box) {
      return;
    }
    const listed = state.endedView === "listed" && state.mode !== "present"; // presentation shows what stands
    const key = [v.date, listed].join("|");
    if (key === shownKey) {
      return;
    }
    shownKey = key;
    const ended = Array.from(v.ended).filter((id) => data.nodes[id]).sort((a, b) => data.nodes[a].label.localeCompare(data.nodes[b].label));
    box.hidden = !listed || !ended.length;
    document.getElementById("ended-date").textContent = pm.timeline.dateLabel(data, v.date);
    const list = document.getElementById("ended-items");
    list.textContent = "";
    ended.forEach((id) => list.appendChild(endedItem(id)));
  }

  return { render: render };
}

pm.views.timeline = { createTimeline };
