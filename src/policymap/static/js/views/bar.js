/* views/bar.js: the page's mode on the page: body.present, the Present and Full screen
   buttons (full screen also by the F key, through toggleFullscreen), and the presentation bar
   that folds down when the pointer nears the top, or stays open from the corner control
   (body.bar-open) until that control, Escape in the bar, a click on the map or focus moving on
   to a panel closes it. */

function createBar(store, announce) {
  const presentButton = document.querySelector("[data-action='present']");
  const fullscreenButton = document.querySelector("[data-action='fullscreen']");
  const opener = document.getElementById("bar-opener");
  const bar = document.getElementById("figure-bar");
  let barTimer = null;

  /* The bar held open (or not) by the corner control; opening it takes focus to its first control. */
  function holdBar(open, moveFocus) {
    document.body.classList.toggle("bar-open", open);
    if (opener) {
      opener.setAttribute("aria-expanded", String(open));
      opener.setAttribute("aria-label", open ? "Hide the presentation controls" : "Presentation controls");
    }
    const first = bar && bar.querySelector(".controls input:not(:disabled), .controls select:not(:disabled), .controls button:not(:disabled)");
    if (open && moveFocus && first) {
      first.focus({ preventScroll: true });
    } else if (!open && moveFocus && opener) {
      opener.focus({ preventScroll: true });
    }
  }

  if (opener && bar) {
    opener.hidden = false;
    opener.addEventListener("click", () => holdBar(!document.body.classList.contains("bar-open"), true));
    bar.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && document.body.classList.contains("bar-open") && !event.defaultPrevented
          && !(event.target.closest && event.target.closest("[aria-expanded='true']"))) {
        event.preventDefault(); // the bar closes first; the next Escape is the map's
        holdBar(false, true);
      }
    });
    bar.addEventListener("focusout", (event) => {
      const to = event.relatedTarget;
      if (to && !bar.contains(to) && to !== opener) {
        holdBar(false, false); // on to a panel it opened (routes, legend): the bar would lie over it
      }
    });
    const map = document.getElementById("map-stage");
    if (map) {
      map.addEventListener("pointerdown", () => holdBar(false, false));
    }
  }

  function showBar() {
    document.body.classList.add("bar-shown");
    clearTimeout(barTimer);
    barTimer = setTimeout(() => document.body.classList.remove("bar-shown"), 2500);
  }

  if (presentButton) {
    presentButton.disabled = false;
    presentButton.addEventListener("click", () => {
      store.dispatch({ type: "mode", mode: store.getState().mode === "present" ? "normal" : "present" });
    });
  }
  const root = document.documentElement;
  const canFullscreen = Boolean(document.fullscreenEnabled && root.requestFullscreen);

  /* Full screen on or off, in either mode (the F key; the button presents as well). */
  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    } else if (canFullscreen) {
      root.requestFullscreen().catch(() => announce("Full screen is not available here."));
    } else {
      announce("Full screen is not available here.");
    }
  }

  if (fullscreenButton) {
    fullscreenButton.hidden = !canFullscreen;
    fullscreenButton.disabled = false;
    fullscreenButton.addEventListener("click", () => {
      if (!document.fullscreenElement) {
        store.dispatch({ type: "mode", mode: "present" });
      }
      toggleFullscreen();
    });
    document.addEventListener("fullscreenchange", () => {
      fullscreenButton.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
    });
  }
  document.addEventListener("mousemove", (event) => {
    if (store.getState().mode === "present" && event.clientY < 72) {
      showBar();
    }
  });

  function render(state, previous) {
    const on = state.mode === "present";
    document.body.classList.toggle("present", on);
    if (presentButton) {
      presentButton.textContent = on ? "Exit presentation" : "Present";
    }
    if (previous && previous.mode !== state.mode) {
      holdBar(false, false);
      if (on) {
        showBar(); // show where the controls went
      } else if (document.fullscreenElement && document.exitFullscreen) {
        document.exitFullscreen().catch(() => {});
      }
    }
  }

  return { render: render, toggleFullscreen: toggleFullscreen };
}

pm.views.bar = { createBar };
