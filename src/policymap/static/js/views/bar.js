/* views/bar.js: the page's mode on the page: body.present, the Present and Full screen
   buttons (full screen also by the F key, through toggleFullscreen), and the presentation bar
   that folds down when the pointer nears the top. */

function createBar(store, announce) {
  const presentButton = document.querySelector("[data-action='present']");
  const fullscreenButton = document.querySelector("[data-action='fullscreen']");
  let barTimer = null;

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
