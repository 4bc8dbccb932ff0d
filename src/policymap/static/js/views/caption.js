/* views/caption.js: on the projected whole-system map, a caption along the top that names the part
   shown and its place in the sequence ("Figure 3: …", "part 2 of 7"), so the back of the room can
   read what it is looking at while the bar is folded. It follows pm.parts.caption; the camera
   counts it as a cover and fits the part below it. Not a live region: the store already says
   each part shown in the same words ("Showing Figure 3: …, part 2 of 7"), once. */

function createCaption(data, store) {
  const box = document.getElementById("part-caption");
  if (!box) {
    return { render: () => {} };
  }
  const title = box.querySelector(".part-caption-title");
  const place = box.querySelector(".part-caption-place");
  let shown = null;

  function render(state) {
    const said = pm.parts.caption(data, state);
    const key = said ? said.id : null;
    if (key === shown) {
      return;
    }
    shown = key;
    title.textContent = said ? said.title : "";
    place.textContent = said ? said.place : "";
    box.classList.toggle("is-step", Boolean(said && said.step));
    box.hidden = !said;
  }

  return { render: render };
}

pm.views.caption = { createCaption };
