// Host adapter for DirectAdmin (Evolution). The panelcare plugin answers, in the user's own
// DirectAdmin session, a token (CMD_PLUGINS/panelcare/token.raw, signed for the session's
// user) and the user's usage (CMD_PLUGINS/panelcare/usage.raw).
import { navigate } from "./panel.js";
import { createHost as standalone } from "./standalone.js";

export function createHost(config) {
  var host = standalone({
    hostName: "directadmin",
    tokenUrl: config.tokenUrl || "/CMD_PLUGINS/panelcare/token.raw",
    usageUrl: config.usageUrl || "/CMD_PLUGINS/panelcare/usage.raw",
    locale: config.locale,
  });
  host.navigate = navigate;
  return host;
}
