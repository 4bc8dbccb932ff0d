/* views/search.js: the search box (an ARIA combobox). Ranking is pm.search; choosing a body on
   this map dispatches its selection, one on another map opens that map there. */

const { el } = pm.dom;

function createSearch(data, store) {
  const input = document.getElementById("search-input");
  const results = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  if (!input || !results) {
    return { render: () => {} };
  }
  const entries = pm.search.index(data.search);
  let matches = [];
  let active = -1;

  function setActive(index) {
    active = index;
    Array.prototype.forEach.call(results.children, (li, i) => li.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0 && results.children[index]) {
      input.setAttribute("aria-activedescendant", results.children[index].id);
      results.children[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show() {
    matches = pm.search.matches(entries, input.value);
    results.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!input.value.trim()) {
      close();
      status.textContent = "";
      return;
    }
    if (!matches.length) {
      results.appendChild(el("li", { role: "option", id: "search-option-none", "aria-disabled": "true", "aria-selected": "false",
        class: "no-results" }, "No body matches \u201c" + input.value.trim() + "\u201d"));
    }
    matches.forEach((match, index) => {
      const item = match.item;
      const extra = [];
      if (match.term) {
        extra.push("Glossary term: " + match.term);
      }
      if (match.name) {
        extra.push("Also known over time as " + match.name);
      }
      if (item.url) {
        extra.push("On " + item.map + " (opens that map)");
      }
      results.appendChild(el("li", { role: "option", id: "search-option-" + index, "aria-selected": "false", "data-index": index },
        el("span", { class: "result-label" }, item.label + (item.acronym ? " (" + item.acronym + ")" : "")),
        extra.length ? el("span", { class: "result-extra" }, extra.join(" · ")) : null));
    });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = matches.length === 1 ? "1 match" : matches.length + " matches";
  }

  function choose(index) {
    const match = matches[index];
    if (!match) {
      return;
    }
    close();
    if (match.item.url) {
      location.href = match.item.url;
      return;
    }
    input.value = match.item.label;
    store.dispatch({ type: "select-node", id: match.item.id });
  }

  input.disabled = false;
  input.addEventListener("input", show);
  input.addEventListener("focus", () => {
    if (input.value.trim() && input.getAttribute("aria-expanded") !== "true") {
      input.select();
    }
  });
  input.addEventListener("blur", () => { setTimeout(close, 120); });
  input.addEventListener("keydown", (event) => {
    const open = !results.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        show();
      }
      if (matches.length) {
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : matches.length - 1) : (active + step + matches.length) % matches.length);
      }
    } else if (event.key === "Enter") {
      if (open && matches.length) {
        event.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        status.textContent = "";
      }
    }
  });
  results.addEventListener("mousedown", (event) => { event.preventDefault(); }); // keep focus in the input
  results.addEventListener("click", (event) => {
    const li = event.target.closest("li[data-index]");
    if (li) {
      choose(Number(li.getAttribute("data-index")));
    }
  });

  return { render: () => {} }; // the box holds what is typed; the selection shows in the panel and map
}

pm.views.search = { createSearch };
