/* views/tour.js: the tour menu and the tour panel (card or band in presentation mode). The
   panel is on screen exactly when a tour is on; a body opened inside a step leaves it there,
   its buttons still step through the tour. Where the card sits is the camera's choice. */

function createTour(data, store) {
  const panel = document.getElementById("tour");
  const select = document.getElementById("tour-select");
  if (select) {
    select.disabled = false;
    select.addEventListener("change", () => {
      store.dispatch(select.value ? { type: "tour", id: select.value, step: 0, moveFocus: true } : { type: "tour-end" });
    });
  }
  if (panel) {
    panel.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button) {
        return;
      }
      const action = button.getAttribute("data-action");
      if (action === "tour-end") {
        store.dispatch({ type: "tour-end" });
      } else if (action === "tour-next" || action === "tour-prev") {
        store.dispatch({ type: "tour-step", delta: action === "tour-next" ? 1 : -1, moveFocus: true });
      }
    });
  }

  function render(state, previous, action) {
    if (!panel) {
      return;
    }
    const tour = pm.select.tour(data, state);
    if (select) {
      select.value = tour ? tour.id : "";
    }
    const wasOn = previous ? Boolean(previous.tour) : false;
    if (!tour) {
      if (wasOn && panel.contains(document.activeElement) && select) {
        select.focus({ preventScroll: true });
      }
      panel.hidden = true;
      return;
    }
    const index = state.tour.step;
    const step = tour.steps[index];
    document.getElementById("tour-progress").textContent = "Tour: " + tour.title + " \u2014 step " + (index + 1) + " of " + tour.steps.length
      + (state.selection ? " (a body opened from it: close it to return)" : "");
    document.getElementById("tour-heading").textContent = step.title;
    document.getElementById("tour-text").textContent = step.text;
    panel.querySelector("[data-action='tour-prev']").disabled = index === 0;
    panel.querySelector("[data-action='tour-next']").disabled = index === tour.steps.length - 1;
    panel.classList.toggle("tour-aside", Boolean(state.selection));
    panel.hidden = false;
    if (action && action.moveFocus && (action.type === "tour" || action.type === "tour-step")) {
      pm.dom.focusIn(document.getElementById("tour-heading"));
    }
  }

  return { render: render };
}

pm.views.tour = { createTour };
