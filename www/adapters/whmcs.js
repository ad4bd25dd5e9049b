// Host adapter for the WHMCS client area. The panelcare addon's footer hook puts a freshly
// signed token and the client's usage on the page as data:
//   <script type="application/json" id="panelcare-whmcs">{"token", "expires_in", "token_url", "usage"}</script>
// (data, not code, so the page's Content-Security-Policy holds). Later tokens come from the
// addon's token URL in the client's own session.
import { navigate, pageData } from "./panel.js";
import { createHost as standalone } from "./standalone.js";

export function readConfig(doc) {
  return pageData("panelcare-whmcs", "WHMCS", "token", doc);
}

export function createHost(config) {
  var data = readConfig();
  var first = { token: data.token, expiresAt: Date.now() + (data.expires_in || 0) * 1000 };
  var host = standalone({
    hostName: "whmcs",
    tokenUrl: config.tokenUrl || new URL(data.token_url || "index.php?m=panelcare&action=token", window.location.href).href,
    locale: config.locale,
  });
  var refresh = host.identity;
  // The token the page came with serves until a minute before it expires.
  host.identity = function () {
    if (first && first.expiresAt - Date.now() > 60 * 1000) return Promise.resolve({ token: first.token });
    first = null;
    return refresh();
  };
  host.usage = function () {
    return Promise.resolve(data.usage && typeof data.usage === "object" ? data.usage : {});
  };
  host.navigate = navigate;
  return host;
}
