// Host adapter for the demo panel pages: the panelcare server in demo mode plays the host's
// backend. The customer, language and usage profile come from the page address
// (?customer=boris&lang=ru&usage=light), which the demo pages' switcher sets.
import { createHost as standalone } from "./standalone.js";

export function createHost(config) {
  var query = new URLSearchParams(window.location.search);
  var account = encodeURIComponent(query.get("customer") || "alice");
  var host = standalone({
    hostName: "demo",
    tokenUrl: new URL("../demo-api/token?account=" + account, import.meta.url).href,
    usageUrl: new URL(
      "../demo-api/usage?account=" + account + "&usage=" + encodeURIComponent(query.get("usage") || "near"),
      import.meta.url
    ).href,
    locale: query.get("lang") || config.locale,
  });
  return host;
}
