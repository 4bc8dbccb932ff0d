/* views/notice.js: a word over the map when the address names something this map does not
   have: a body on other maps ("Neighbourhood Renewal Unit is on Figures 3 and 4", with links)
   or an id no map knows. Announced to screen readers (role=status). */

const { el } = pm.dom;

function createNotice(data, store) {
  const stage = document.getElementById("map-stage");
  const box = el("div", { id: "map-notice", class: "map-notice", role: "status", "aria-live": "polite", hidden: true });
  if (stage) {
    stage.appendChild(box);
  }
  box.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='notice-close']")) {
      store.dispatch({ type: "clear" });
    }
  });
  let shown = null;

  function content(notice) {
    const place = notice.type === "elsewhere" ? pm.data.elsewhere(data, notice.id) : null;
    if (!place || !place.maps.length) {
      const what = notice.type === "unknown-edge" ? "relation" : "body";
      return [el("p", {}, "No " + what + " called \u201c" + notice.id + "\u201d is on this map or any other: the address may be mistyped or out of date.")];
    }
    const links = place.maps.map((m) => el("a", { href: m.url }, m.number ? "Figure " + m.number : m.name));
    const line = el("p", {}, place.label + " is not on this map. It is on ");
    links.forEach((link, i) => {
      if (i) {
        line.appendChild(document.createTextNode(i === links.length - 1 ? " and " : ", "));
      }
      line.appendChild(link);
    });
    line.appendChild(document.createTextNode("."));
    return [line];
  }

  function render(state) {
    const key = state.notice ? state.notice.type + ":" + state.notice.id : null;
    if (key === shown) {
      return;
    }
    shown = key;
    box.textContent = "";
    if (state.notice) {
      content(state.notice).forEach((part) => box.appendChild(part));
      box.appendChild(el("button", { type: "button", class: "button button-quiet", "data-action": "notice-close",
        "aria-label": "Dismiss this message" }, "OK"));
    }
    box.hidden = !state.notice;
  }

  return { render: render };
}

pm.views.notice = { createNotice };
