// Host adapter for any panel that can serve two URLs of its own: one answering
// {"token": "<signed identity token>", "expires_in": seconds} for the signed-in customer,
// and optionally one answering their usage snapshot. Configured on the loader's script tag:
//   <script src=".../panelcare.js" data-host="standalone"
//           data-token-url="/panelcare/token" data-usage-url="/panelcare/usage"></script>

// Ask for a new token this long before the old one expires.
var REFRESH_MARGIN_MS = 60 * 1000;

function json(response) {
  if (!response.ok) throw new Error("host answered " + response.status + " for " + response.url);
  return response.json();
}

// The token's claims, read (not verified: the server does that) for the account and locale.
function claims(token) {
  try {
    var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    var bytes = Uint8Array.from(atob(part), function (c) { return c.charCodeAt(0); });
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return {};
  }
}

export function createHost(config) {
  var cached = null;
  var inflight = null;

  function identity() {
    if (cached && cached.expiresAt - Date.now() > REFRESH_MARGIN_MS) {
      return Promise.resolve({ token: cached.token });
    }
    if (!inflight) {
      inflight = fetch(config.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(json)
        .then(function (body) {
          var exp = claims(body.token).exp;
          var expiresAt = body.expires_in ? Date.now() + body.expires_in * 1000 : (exp || 0) * 1000;
          cached = { token: body.token, expiresAt: expiresAt };
          return { token: body.token };
        })
        .finally(function () { inflight = null; });
    }
    return inflight;
  }

  return {
    name: config.hostName || "standalone",
    identity: identity,
    context: function () {
      return identity().then(function (id) {
        var c = claims(id.token);
        return {
          locale: config.locale || c.locale || document.documentElement.lang || navigator.language,
          account: c.sub,
          plan: c.plan,
        };
      });
    },
    usage: function () {
      if (!config.usageUrl) return Promise.resolve({});
      return fetch(config.usageUrl, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(json);
    },
    navigate: function (url) {
      window.location.assign(url);
    },
  };
}
