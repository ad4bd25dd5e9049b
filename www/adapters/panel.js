// What the panel adapters share: reading the data a panel's server put on the page, and
// opening addresses the way a customer in a panel expects.

/** The JSON of `<script type="application/json" id="<id>">`, checked to have a `key`. */
export function pageData(id, panel, key, doc) {
  var el = (doc || document).getElementById(id);
  if (!el) throw new Error(panel + ": the panelcare " + (panel === "WHMCS" ? "addon" : "extension") + "'s data is not on this page");
  var c;
  try { c = JSON.parse(el.textContent); } catch (e) { throw new Error(panel + ": the panelcare data is not JSON"); }
  if (!c || typeof c[key] !== "string" || !c[key]) throw new Error(panel + ": the panelcare data has no " + key);
  return c;
}

/** The panel's own pages open in place; anything else (a billing page) in a new tab, so the
 *  customer keeps the panel. */
export function navigate(url) {
  var target = new URL(url, window.location.href);
  if (target.origin === window.location.origin) window.location.assign(target.href);
  else window.open(target.href, "_blank", "noopener");
}
