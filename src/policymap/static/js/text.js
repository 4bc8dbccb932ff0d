/* text.js: small pure helpers for words and values. */

function pagesText(pages) {
  return (pages.length === 1 ? "p " : "pp ") + pages.join(", ");
}

/* Only http(s) and mailto links leave the page. */
function safeHref(url) {
  return /^(https?:\/\/|mailto:)/i.test(url || "") ? url : null;
}

function option(object, name, fallback) {
  return object && object[name] !== undefined && object[name] !== null ? object[name] : fallback;
}

/* "a", "a and b", "a, b and c". */
function listText(items) {
  if (items.length < 2) {
    return items.join("");
  }
  return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
}

/* "1 body", "3 bodies". */
function count(n, one, many) {
  return n + " " + (n === 1 ? one : many);
}

pm.text = { pagesText, safeHref, option, listText, count };
