/* keys.js: keys to actions. Escape closes the innermost thing open: the legend (when in it or
   over the projected map), then a selection (inside a tour this returns to the step), then a
   showcased kind or level, then presentation mode, then the tour. Arrows, Page Up/Down and space step through a tour (also
   with a body opened from it); P presents; F toggles full screen (not a state: the bar does it);
   1, 2 and 0 set how far focus reaches. Presenting the whole-system map with no tour on, ] and
   Page Down show its next part, [ and Page Up the one before. */

function keyAction(state, key) {
  if (key === "Escape") {
    if (state.panels.legend && state.mode === "present") {
      return { type: "panel", name: "legend", open: false };
    }
    if (state.selection || state.notice) {
      return { type: "clear" };
    }
    if (state.showcase) {
      return { type: "showcase", showcase: null };
    }
    if (state.mode === "present") {
      return { type: "mode", mode: "normal" };
    }
    return state.tour ? { type: "tour-end" } : null;
  }
  if (state.tour && (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Spacebar")) {
    return { type: "tour-step", delta: 1 };
  }
  if (state.tour && (key === "ArrowLeft" || key === "PageUp")) {
    return { type: "tour-step", delta: -1 };
  }
  if (state.mode === "present" && !state.tour && /^(\[|\]|PageDown|PageUp)$/.test(key)) {
    return { type: "part-step", delta: key === "]" || key === "PageDown" ? 1 : -1 }; // whole-system map: its parts
  }
  if (key === "p" || key === "P") {
    return { type: "mode", mode: state.mode === "present" ? "normal" : "present" };
  }
  if (key === "f" || key === "F") {
    return { type: "fullscreen" };
  }
  if (key === "1" || key === "2" || key === "0") {
    return { type: "focus-depth", depth: Number(key) };
  }
  return null;
}

/* `hooks.fullscreen` toggles full screen: the document's, which the store does not hold. */
function bindKeys(store, hooks) {
  const { isTyping, inFormControl, activatesControl } = pm.dom;
  const legend = document.getElementById("legend");
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    const key = event.key;
    const state = store.getState();
    if (key === "Escape") {
      const inLegend = legend && !legend.hidden && legend.contains(document.activeElement);
      const action = inLegend ? { type: "panel", name: "legend", open: false } : keyAction(state, key);
      if (!action) {
        return;
      }
      event.preventDefault();
      store.dispatch(action);
      if (inLegend) {
        document.getElementById("legend-toggle").focus({ preventScroll: true });
      }
      return;
    }
    if (isTyping(target) || activatesControl(target, key) || (target.closest && target.closest("#twin-list"))) {
      return;
    }
    if (/^(ArrowRight|ArrowLeft|PageDown|PageUp| |Spacebar)$/.test(key) && inFormControl(target)) {
      return; // arrows move within radio groups; space ticks boxes
    }
    const action = keyAction(state, key);
    if (action && action.type === "fullscreen") {
      if (hooks && hooks.fullscreen) {
        event.preventDefault();
        hooks.fullscreen();
      }
      return;
    }
    if (action) {
      if (action.type !== "focus-depth") {
        event.preventDefault();
      }
      store.dispatch(action);
    }
  });
}

pm.keys = { keyAction, bindKeys };
