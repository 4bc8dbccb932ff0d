/* views/parts.js: the whole-system map's part chooser, a menu in the presentation bar that
   follows the part the state shows (pm.parts.current) and dispatches the part chosen. */

function createPartChooser(data, store) {
  const select = document.getElementById("part-select");
  if (!select || !pm.parts.choices(data).length) {
    return { render: () => {} };
  }
  const blank = select.querySelector("option[value='']");
  select.disabled = false;
  select.addEventListener("change", () => {
    if (select.value) {
      store.dispatch({ type: "part", id: select.value });
    }
  });

  function render(state) {
    const part = pm.parts.current(data, state);
    const chosen = part && !part.step ? part.id : "";
    if (blank) {
      blank.hidden = Boolean(chosen);
      blank.textContent = part ? "A tour step: " + part.title : "The whole map";
    }
    select.value = chosen;
  }

  return { render: render };
}

pm.views.parts = { createPartChooser };
