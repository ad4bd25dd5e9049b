// Host adapter for Plesk. The panelcare extension's ContentInclude hook puts where to get
// tokens on the page as data:
//   <script type="application/json" id="panelcare-plesk">{"token_url": "…"}</script>
// and the extension's token action signs for the signed-in customer in Plesk's own session.
// Plesk reports no usage to the extension yet, so offers that need figures are not shown.
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
  host.usage = function () { return Promise.resolve({}); };
  host.navigate = navigate;
  return host;
}
