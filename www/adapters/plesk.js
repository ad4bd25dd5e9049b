// Host adapter for Plesk. The panelcare extension's ContentInclude hook puts where to get
// tokens and usage on the page as data:
//   <script type="application/json" id="panelcare-plesk">{"token_url": "…", "usage_url": "…"}</script>
// and the extension's actions answer for the signed-in customer in Plesk's own session: the
// token, and the figures of the customer's subscription from Plesk's XML API.
import { navigate, pageData } from "./panel.js";
import { createHost as standalone } from "./standalone.js";

export function readConfig(doc) {
  return pageData("panelcare-plesk", "Plesk", "token_url", doc);
}

export function createHost(config) {
  var data = readConfig();
  var host = standalone({
    hostName: "plesk",
    tokenUrl: config.tokenUrl || new URL(data.token_url, window.location.href).href,
    locale: config.locale,
  });
  host.usage = function () {
    // An extension older than usage has no usage_url: no figures, offers that need none.
    if (!data.usage_url) return Promise.resolve({});
    return fetch(new URL(data.usage_url, window.location.href).href, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error("Plesk usage: " + (body.error || "answered " + r.status));
        return body;
      });
    });
  };
  host.navigate = navigate;
  return host;
}
