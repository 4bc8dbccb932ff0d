/* dom.js: building elements from data. Text always goes in as text nodes (never markup). */

/* el("p", {class: "x"}, "text", childNode, ...): an element with attributes and children.
   Strings become text nodes; null, undefined and false are skipped. */
function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => {
    const value = attributes[name];
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  });
  children.forEach((child) => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return element;
}

function svgEl(tag, attributes, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.keys(attributes).forEach((name) => element.setAttribute(name, String(attributes[name])));
  children.forEach((child) => element.appendChild(child));
  return element;
}

/* A 22x22 picture of a kind's node shape: filled with `fill`, outlined in `colour`. Decorative. */
function shapeSwatch(shape, colour, fill) {
  const shapes = {
    box: ["rect", { x: 2, y: 5, width: 18, height: 12 }],
    pill: ["rect", { x: 2, y: 5, width: 18, height: 12, rx: 6 }],
    document: ["rect", { x: 2, y: 4, width: 18, height: 14, "stroke-dasharray": "3 2" }],
    ellipse: ["ellipse", { cx: 11, cy: 11, rx: 9.5, ry: 6.5 }],
  };
  const [tag, geometry] = shapes[shape] || shapes.box;
  const figure = svgEl(tag, Object.assign({}, geometry, { fill: fill, stroke: colour, "stroke-width": 2 }));
  return svgEl("svg", { class: "swatch", width: 22, height: 22, viewBox: "0 0 22 22", "aria-hidden": "true",
    focusable: "false" }, figure);
}

/* The arrowheads vis-network draws at a relation's object end, as the legend draws them (its
   `arrows.to.type`): where the line stops, and the head's shape on a 40x14 swatch. */
const HEADS = {
  arrow: [30, "polygon", { points: "29,2 39,7 29,12 31,7" }],
  triangle: [30, "polygon", { points: "29,2 39,7 29,12" }],
  vee: [33, "polygon", { points: "28,1 39,7 28,13 33,7" }],
  diamond: [27, "polygon", { points: "27,7 33,2.5 39,7 33,11.5" }],
  circle: [31, "circle", { cx: 35, cy: 7, r: 4 }],
  box: [31, "rect", { x: 31, y: 3, width: 8, height: 8 }],
  bar: [37, "rect", { x: 36, y: 1, width: 3, height: 12 }],
};

/* A relation's line and arrowhead (vis-network's arrow type, "arrow" by default), its line
   width as drawn on the map, dashed for implied relations. Decorative. */
function lineSwatch(colour, dashed, arrow, width) {
  const type = HEADS[arrow] ? arrow : "arrow";
  const [end, tag, geometry] = HEADS[type];
  const line = svgEl("line", Object.assign({ x1: 2, y1: 7, x2: end, y2: 7, stroke: colour,
    "stroke-width": width ? Math.min(1.6 * width, 4.5) : 2.5 }, dashed ? { "stroke-dasharray": "5 4" } : {}));
  const head = svgEl(tag, Object.assign({ class: "swatch-head", fill: colour }, geometry));
  return svgEl("svg", { class: "swatch swatch-line", width: 40, height: 14, viewBox: "0 0 40 14", "aria-hidden": "true",
    focusable: "false", "data-arrow": type }, line, head);
}

/* Say something to screen readers through the page's live region. */
function announce(text) {
  const announcer = document.getElementById("announce");
  if (announcer) {
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 30);
  }
}

/* Keys typed into a field, or meant for a focused control, are not shortcuts: no letters or
   digits in a text field or menu, no arrows or space in any form control. */
function isTyping(target) {
  const field = target && target.closest && target.closest("input, select, textarea, [contenteditable='true']");
  return Boolean(field && !(field.tagName === "INPUT" && /^(checkbox|radio|button|submit|reset|range|color|file)$/.test(field.type)));
}

function inFormControl(target) {
  return Boolean(target && target.closest && target.closest("input, select, textarea, [contenteditable='true']"));
}

function activatesControl(target, key) {
  return (key === " " || key === "Enter") && Boolean(target && target.closest && target.closest("button, a, summary, label"));
}

/* A plain left click, not one that opens a new tab or window. */
function plainClick(event) {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

/* Focus an element in a panel of the sidebar, unfolding the sidebar first if it is folded away
   (the camera folds it again from the panels' state when it renders). */
function focusIn(element) {
  const sidebar = element && element.closest(".sidebar");
  if (sidebar) {
    sidebar.hidden = false;
  }
  if (element) {
    element.focus({ preventScroll: true });
  }
}

pm.dom = { focusIn, el, svgEl, shapeSwatch, lineSwatch, announce, isTyping, inFormControl, activatesControl, plainClick };
