/* views/tour.js: the tour menu and the tour panel (card or band in presentation mode). The
   menu is a button that opens a list of the tours, each title whole (the one on marked current);
   choosing one, Escape, or a click elsewhere closes it. The panel is on screen exactly when a
   tour is on; a body opened inside a step leaves it there, its buttons still step through the
   tour. Where the card sits is the camera's choice. */

function createMenu(store) {
  const button = document.getElementById("tour-select");
  const menu = document.getElementById("tour-menu");
  if (!button || !menu) {
    return () => {};
  }
  const holder = button.parentElement;
  const open = (on, focus) => {
    menu.hidden = !on;
    button.setAttribute("aria-expanded", String(on));
    const target = on ? menu.querySelector("[aria-current='true']") || menu.querySelector("button") : button;
    if (focus && target) {
      target.focus({ preventScroll: true });
    }
  };
  button.disabled = false;
  button.addEventListener("click", () => open(menu.hidden, menu.hidden));
  menu.addEventListener("click", (event) => {
    const choice = event.target.closest("[data-tour]");
    if (choice) {
      open(false, false);
      store.dispatch({ type: "tour", id: choice.getAttribute("data-tour"), step: 0, moveFocus: true });
    }
  });
  holder.addEventListener("keydown", (event) => {
    if (menu.hidden) {
      return;
    }
    const choices = Array.from(menu.querySelectorAll("button"));
    const at = choices.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault(); // the menu closes first; the next Escape is the map's
      open(false, true);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && choices.length) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      choices[at < 0 ? 0 : (at + step + choices.length) % choices.length].focus();
    }
  });
  document.addEventListener("pointerdown", (event) => {
    if (!menu.hidden && !holder.contains(event.target)) {
      open(false, false);
    }
  });
  holder.addEventListener("focusout", (event) => {
    if (!menu.hidden && event.relatedTarget && !holder.contains(event.relatedTarget)) {
      open(false, false);
    }
  });
  return (tour) => {
    menu.querySelectorAll("[data-tour]").forEach((choice) => {
      const on = Boolean(tour && choice.getAttribute("data-tour") === tour.id);
      if (on) {
        choice.setAttribute("aria-current", "true");
      } else {
        choice.removeAttribute("aria-current");
      }
    });
  };
}

function createTour(data, store) {
  const panel = document.getElementById("tour");
  const select = document.getElementById("tour-select");
  const markCurrent = createMenu(store);
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
    markCurrent(tour);
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
