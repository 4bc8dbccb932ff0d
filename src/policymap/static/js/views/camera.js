/* views/camera.js: where the map looks, and how large it is. The camera frames what the state
   is about (pm.select.frame: a body and its neighbours, a relation, a route, a tour step) in the
   part of the map that is actually visible: the map minus the zoom buttons, and in presentation
   mode minus the panels, the tour card and the bar that lie over it. With nothing to frame it
   fits the whole map (after a filter, a mode change or the end of a tour). The projected
   whole-system map's caption (views/caption.js) takes a band off the top of all of these: what
   is framed or fitted, and the tour's card, go below it. */

const PLACES = ["bottom-band", "bottom-right", "bottom-left", "top-band", "top-right", "top-left"];

function createCamera(mapElement, map, data, styles) {
  const network = map.network;
  const reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const animation = reducedMotion ? false : { duration: 450, easingFunction: "easeInOutQuad" };
  const tourPanel = document.getElementById("tour");
  const sidebar = document.querySelector(".sidebar");
  const caption = document.getElementById("part-caption");
  let tourPlace = "bottom-band";
  let last = null; // the state last framed

  function rectIn(element) {
    const mapBox = mapElement.getBoundingClientRect();
    const r = element.getBoundingClientRect();
    return { left: r.left - mapBox.left, top: r.top - mapBox.top, right: r.right - mapBox.left, bottom: r.bottom - mapBox.top };
  }

  /* The largest rectangle of `area` left beside `cover` (both in the map's coordinates). */
  function without(area, cover) {
    const right = area.left + area.width;
    const bottom = area.top + area.height;
    if (cover.right <= area.left || cover.left >= right || cover.bottom <= area.top || cover.top >= bottom) {
      return area;
    }
    const options = [
      { left: area.left, top: area.top, width: cover.left - area.left, height: area.height },
      { left: cover.right, top: area.top, width: right - cover.right, height: area.height },
      { left: area.left, top: area.top, width: area.width, height: cover.top - area.top },
      { left: area.left, top: cover.bottom, width: area.width, height: bottom - cover.bottom },
    ].filter((o) => o.width > 0 && o.height > 0);
    return options.sort((a, b) => b.width * b.height - a.width * a.height)[0] || area;
  }

  /* The map less the zoom buttons' strip and, presenting, the caption naming the part shown. */
  function room(style) {
    const area = { left: 0, top: 0, width: mapElement.clientWidth - style.zoomStrip, height: mapElement.clientHeight };
    if (!style.overlays || !caption || caption.hidden) {
      return area;
    }
    const r = rectIn(caption);
    return r.right > r.left && r.bottom > r.top ? without(area, r) : area;
  }

  /* The part of the map nothing covers, in the map element's coordinates. */
  function freeArea(style) {
    let area = room(style);
    if (!style.overlays) {
      return area;
    }
    const covers = ["details", "routes", "legend", "tour"].map((id) => document.getElementById(id))
      .filter((element) => element && !element.hidden);
    const bar = document.querySelector(".figure-bar");
    if (bar) {
      covers.push(bar);
    }
    covers.forEach((element) => {
      const r = rectIn(element);
      if (r.right > r.left && r.bottom > r.top && r.bottom > 0) {
        area = without(area, r);
      }
    });
    return area;
  }

  function nodeBounds(ids) {
    let box = null;
    ids.forEach((id) => {
      const node = map.nodes.get(id);
      if (!node || node.hidden) {
        return;
      }
      const b = network.getBoundingBox(id);
      box = box ? { left: Math.min(box.left, b.left), top: Math.min(box.top, b.top),
        right: Math.max(box.right, b.right), bottom: Math.max(box.bottom, b.bottom) } : Object.assign({}, b);
    });
    return box;
  }

  /* The camera that shows a box of the map (canvas coordinates) as large as fits in an area of
     the map element, centred there. */
  function viewFor(box, area, margin, maxScale) {
    const width = Math.max(1, box.right - box.left);
    const height = Math.max(1, box.bottom - box.top);
    return {
      position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
      scale: Math.min(maxScale, (area.width - 2 * margin) / width, (area.height - 2 * margin) / height),
      offset: { x: area.left + area.width / 2 - mapElement.clientWidth / 2, y: area.top + area.height / 2 - mapElement.clientHeight / 2 },
    };
  }

  /* Where a canvas point would be drawn (map element coordinates) with a given camera. */
  function pointIn(view, point) {
    return { x: (point.x - view.position.x) * view.scale + mapElement.clientWidth / 2 + view.offset.x,
      y: (point.y - view.position.y) * view.scale + mapElement.clientHeight / 2 + view.offset.y };
  }

  function move(view, animate) {
    network.moveTo(Object.assign({}, view, { animation: animate ? animation : false }));
  }

  /* The camera that fits the whole map on show, region panels included (vis's own fit only sees
     the nodes). */
  function fullView(style) {
    let box = nodeBounds(Object.keys(data.nodes));
    map.regions().forEach((region) => {
      const r = { left: region.x, top: region.y, right: region.x + region.width, bottom: region.y + region.height };
      box = box ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top),
        right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) } : r;
    });
    if (!box || !mapElement.clientWidth || !mapElement.clientHeight) {
      return null;
    }
    return viewFor(box, room(style), style.fitMargin, Infinity);
  }

  function fitAll(style, animate) {
    const view = fullView(style);
    if (view) {
      move(view, animate);
    }
  }

  function setPlace(place) {
    PLACES.forEach((name) => tourPanel.classList.toggle("at-" + name, name === place));
  }

  function placeRect(place, size, r) {
    const band = place.endsWith("band");
    const left = band || place.endsWith("left") ? r.left : r.left + r.width - size.width;
    const top = place.startsWith("top") ? r.top : r.top + r.height - size.height;
    return { left: left, top: top, right: band ? r.left + r.width : left + size.width, bottom: top + size.height };
  }

  /* Presentation mode shows a tour step's text over the map: on a card in a corner, or on a band
     along the top or bottom. Either the step's bodies are zoomed into the room beside the card or
     band, when that draws them at least as large as the whole map is drawn; or the whole map stays
     in view and the text goes where it covers none of the step's bodies. */
  function placeTourCard(style, ids, box, animate) {
    const r = room(style);
    const width = r.width;
    const height = r.height;
    tourPanel.style.setProperty("--room-top", r.top + "px"); // the card's top places keep below the caption
    const sizes = {};
    PLACES.forEach((place) => {
      setPlace(place);
      sizes[place] = { width: tourPanel.offsetWidth + 24, height: tourPanel.offsetHeight + 24 };
    });
    const card = sizes["bottom-right"];
    const band = sizes["bottom-band"];
    const zooms = [
      ["bottom-right", { left: r.left, top: r.top, width: width - card.width, height: height }],
      ["bottom-left", { left: r.left + card.width, top: r.top, width: width - card.width, height: height }],
      ["bottom-band", { left: r.left, top: r.top, width: width, height: height - band.height }],
      ["top-band", { left: r.left, top: r.top + band.height, width: width, height: height - band.height }],
    ].map(([place, area]) => ({ place: place, view: viewFor(box, area, style.frame.margin, style.frame.maxScale) }))
      .sort((a, b) => b.view.scale - a.view.scale || (b.place === tourPlace) - (a.place === tourPlace));
    let choice = zooms[0];
    const whole = fullView(style);
    if (whole && choice.view.scale < whole.scale) {
      const order = [tourPlace].concat(PLACES.filter((place) => place !== tourPlace));
      const clear = order.find((place) => {
        const rect = placeRect(place, sizes[place], r);
        return ids.every((id) => {
          const b = network.getBoundingBox(id);
          const a = pointIn(whole, { x: b.left, y: b.top });
          const z = pointIn(whole, { x: b.right, y: b.bottom });
          return z.x < rect.left || a.x > rect.right || z.y < rect.top || a.y > rect.bottom;
        });
      });
      if (clear) {
        choice = { place: clear, view: whole };
      }
    }
    tourPlace = choice.place;
    setPlace(tourPlace);
    move(choice.view, animate);
  }

  /* Frame what the state is about, or the whole map. */
  function show(state, animate) {
    const style = styles[state.mode];
    const target = pm.select.frame(data, state);
    if (state.tour && tourPanel && !state.selection && style.overlays && target) {
      const box = nodeBounds(target.nodes);
      if (box) {
        placeTourCard(style, target.nodes.filter((id) => !map.nodes.get(id).hidden), box, animate);
      }
      return;
    }
    if (state.tour && tourPanel && style.overlays) {
      setPlace("bottom-left"); // a body opened inside a step: the card keeps to a corner beside the panel
    }
    const box = target && nodeBounds(target.nodes);
    if (!box) {
      fitAll(style, animate);
      return;
    }
    const margin = target.kind === "route" ? Math.max(style.frame.margin, 60) : style.frame.margin;
    move(viewFor(box, freeArea(style), margin, style.frame.maxScale), animate);
  }

  function resize() {
    network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px");
    network.redraw();
  }

  /* The sidebar holds the tour, the details, the routes and the legend; with all hidden it folds
     away and the map takes the full width (vis follows its frame's size only on window resizes). */
  let folded = null; // the sidebar as the map was last sized for (a panel may unfold it to take focus)
  function layout() {
    if (!sidebar) {
      return false;
    }
    sidebar.hidden = Array.from(sidebar.children).every((child) => child.hidden);
    const changed = folded !== null && folded !== sidebar.hidden;
    folded = sidebar.hidden;
    return changed;
  }

  const FRAMED = ["selection", "tour", "focusDepth", "filters", "mode", "at", "endedView", "part"];

  function render(state, previous, action) {
    const refold = layout();
    if (!previous) {
      network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px"); // drawn once, at the next frame
      show(state, false);
      last = state;
      return;
    }
    const modeChanged = state.mode !== previous.mode;
    if (refold || modeChanged) {
      const view = { position: network.getViewPosition(), scale: network.getScale() };
      resize();
      move(view, false);
    }
    const reframe = FRAMED.some((key) => state[key] !== last[key])
      || (styles[state.mode].overlays && state.panels !== last.panels);
    if (!reframe && !refold) {
      return;
    }
    const target = pm.select.frame(data, state);
    const cleared = !target && pm.select.frame(data, last) && !modeChanged && state.filters === last.filters;
    last = state;
    if (target || modeChanged || state.filters !== previous.filters || state.at !== previous.at || (cleared && styles[state.mode].overlays)
        || (previous.tour && !state.tour) || state.part !== previous.part) {
      show(state, !modeChanged);
    } else if (refold && state.panels.legend !== previous.panels.legend && !styles[state.mode].overlays) {
      fitAll(styles[state.mode], true);
    }
  }

  let resizeTimer = null;
  return {
    render: render,
    fitAll: (state, animate) => fitAll(styles[state.mode], animate),
    freeArea: (state) => freeArea(styles[state.mode]),
    refit: (state) => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { resize(); show(state(), false); }, 150);
    },
    zoom: (factor) => network.moveTo({ scale: network.getScale() * factor, animation: animation }),
    animation: animation,
  };
}

pm.views.camera = { createCamera };
