/* export.js: the view as a PNG (twice the screen's resolution, with the map's title, date and
   source) and the print handout's sharp picture of the map. */

const { el } = pm.dom;

function createExport(data, map, store, announce) {
  const network = map.network;
  const mapElement = document.getElementById("map");
  const stage = document.getElementById("map-stage");

  /* The current view drawn at `ratio` device pixels per CSS pixel, as a new canvas: vis-network
     sizes its drawing buffer from window.devicePixelRatio, so that is raised while it redraws. */
  function renderView(ratio) {
    const canvas = network.canvas.frame.canvas;
    const view = { position: network.getViewPosition(), scale: network.getScale() };
    const own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
    const copy = document.createElement("canvas");
    try {
      Object.defineProperty(window, "devicePixelRatio", { configurable: true, get: () => ratio });
      network.redraw();
      network.moveTo(Object.assign({ animation: false }, view));
      network.redraw();
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(canvas, 0, 0);
    } finally {
      if (own) {
        Object.defineProperty(window, "devicePixelRatio", own);
      } else {
        delete window.devicePixelRatio;
      }
      network.redraw();
      network.moveTo(Object.assign({ animation: false }, view));
    }
    return copy;
  }

  function figureName() {
    return data.figure.name;
  }

  /* The view at twice the window's resolution (at least twice the map's), under a band with the
     map's title and date, and over its source line. */
  function exportCanvas() {
    const ratio = Math.max(2, 2 * window.innerWidth / Math.max(1, mapElement.clientWidth));
    const picture = renderView(ratio);
    const band = Math.round(64 * ratio);
    const foot = data.figure.source ? Math.round(30 * ratio) : 0;
    const out = document.createElement("canvas");
    out.width = picture.width;
    out.height = picture.height + band + foot;
    const ctx = out.getContext("2d");
    const face = pm.present.FACE;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(picture, 0, band);
    ctx.fillStyle = "#000000";
    ctx.textBaseline = "top";
    ctx.font = "700 " + Math.round(24 * ratio) + "px " + face;
    ctx.fillText(figureName(), 16 * ratio, 8 * ratio, out.width - 32 * ratio);
    ctx.font = Math.round(16 * ratio) + "px " + face;
    ctx.fillStyle = "#333333";
    ctx.fillText("Structures as in " + data.figure.as_of_text + ". Made with policymap.", 16 * ratio, 38 * ratio,
      out.width - 32 * ratio);
    ctx.strokeStyle = "#999999";
    ctx.lineWidth = ratio;
    ctx.beginPath();
    ctx.moveTo(0, band - ratio / 2);
    ctx.lineTo(out.width, band - ratio / 2);
    ctx.stroke();
    if (foot) {
      ctx.font = Math.round(13 * ratio) + "px " + face;
      ctx.fillText("Source: " + data.figure.source, 16 * ratio, picture.height + band + 8 * ratio, out.width - 32 * ratio);
    }
    return out;
  }

  function exportPng() {
    const canvas = exportCanvas();
    const name = data.figure.id + (store.getState().mode === "present" ? "-presentation" : "") + ".png";
    const save = (href, done) => {
      const link = el("a", { href: href, download: name, hidden: true });
      document.body.appendChild(link);
      link.click();
      link.remove();
      if (done) {
        setTimeout(done, 1000);
      }
    };
    if (canvas.toBlob) {
      canvas.toBlob((blob) => {
        const url = URL.createObjectURL(blob);
        save(url, () => URL.revokeObjectURL(url));
      }, "image/png");
    } else {
      save(canvas.toDataURL("image/png"));
    }
    announce("Saved " + name + ", " + canvas.width + " by " + canvas.height + " pixels.");
    return { width: canvas.width, height: canvas.height, name: name };
  }

  /* Printing: the map as drawn, sharp, in place of the live canvas (see @media print). */
  function preparePrint() {
    let picture = stage.querySelector(".print-map");
    if (!picture) {
      picture = el("img", { class: "print-map", alt: "The map as it was on screen: " + figureName() + "." });
      stage.insertBefore(picture, stage.firstChild);
    }
    picture.src = renderView(2).toDataURL("image/png");
    stage.classList.add("has-print-map");
  }

  function afterPrint() {
    const picture = stage.querySelector(".print-map");
    if (picture) {
      picture.remove();
    }
    stage.classList.remove("has-print-map");
  }

  window.addEventListener("beforeprint", preparePrint);
  window.addEventListener("afterprint", afterPrint);
  document.querySelectorAll("[data-action='export-png']").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", exportPng);
  });
  document.querySelectorAll("[data-action='print']").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", () => window.print());
  });
  return { renderView, exportPng, preparePrint };
}

pm.export = { createExport };
