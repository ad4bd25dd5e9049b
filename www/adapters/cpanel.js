// Host adapter for cPanel (Jupiter). Identity comes from the panelcare plugin's page, which
// asks the root-owned AdminBin helper to sign (the tenant secret never reaches the user's
// session); usage comes from UAPI in the customer's own session, through the security
// token cPanel puts on every page (CPANEL.security_token, "/cpsess0123456789").
//   <script src=".../panelcare.js" data-host="cpanel"></script>
// Options: data-token-url (default: the plugin's token page under the security token).
import { navigate } from "./panel.js";
import { createHost as standalone } from "./standalone.js";

function securityToken() {
  var t = (window.CPANEL && window.CPANEL.security_token) || "";
  if (!t) {
    var m = /^\/cpsess\d+/.exec(window.location.pathname);
    t = m ? m[0] : "";
  }
  return t;
}

// A UAPI answer's data, or an error that says what cPanel said.
function uapiData(body, what) {
  var result = body && (body.result || body);
  if (!result || typeof result !== "object") throw new Error("cPanel " + what + ": not a UAPI answer");
  if (result.status !== 1) {
    var errors = Array.isArray(result.errors) && result.errors.length ? result.errors.join("; ") : "status " + result.status;
    throw new Error("cPanel " + what + ": " + errors);
  }
  return result.data;
}

function number(v) {
  if (v === null || v === undefined || v === "") return null;
  var n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * The usage snapshot of the host shim contract from UAPI's ResourceUsage::get_usages and
 * Quota::get_quota_info answers (either may be null when that call failed). get_usages
 * reports `maximum: null` for unlimited; get_quota_info reports 0 for unlimited.
 */
export function snapshotFromUapi(usagesBody, quotaBody) {
  var out = {};
  var problems = [];
  if (usagesBody) {
    var rows = uapiData(usagesBody, "ResourceUsage::get_usages");
    if (!Array.isArray(rows)) throw new Error("cPanel ResourceUsage::get_usages: data is not a list");
    var byId = {};
    rows.forEach(function (r) { if (r && typeof r.id === "string") byId[r.id] = r; });
    var take = function (id) {
      var r = byId[id];
      if (!r) return null;
      if (r.error) { problems.push(id + ": " + r.error); return null; }
      return { used: number(r.usage), limit: number(r.maximum) };
    };
    var disk = take("disk_usage");
    if (disk) out.disk = disk;
    var bandwidth = take("bandwidth");
    if (bandwidth) out.bandwidth = bandwidth;
    var mail = take("email_accounts");
    if (mail) out.mail_accounts = mail;
    // MySQL and PostgreSQL databases count together against a plan's databases.
    var mysql = take("mysql_databases");
    var pg = take("postgresql_databases");
    if (mysql || pg) {
      var parts = [mysql, pg].filter(Boolean);
      out.databases = {
        used: parts.reduce(function (s, p) { return s + (p.used || 0); }, 0),
        limit: parts.some(function (p) { return p.limit === null; }) ? null
          : parts.reduce(function (s, p) { return s + p.limit; }, 0),
      };
    }
  }
  if (quotaBody) {
    var q = uapiData(quotaBody, "Quota::get_quota_info");
    if (q && typeof q === "object") {
      if (q.inodes_used !== undefined) {
        var inodeLimit = number(q.inode_limit);
        out.inodes = { used: number(q.inodes_used), limit: inodeLimit === 0 ? null : inodeLimit };
      }
      if (!out.disk && q.megabytes_used !== undefined) {
        var mb = 1024 * 1024;
        var limit = number(q.megabyte_limit);
        out.disk = { used: number(q.megabytes_used) * mb, limit: limit === 0 || limit === null ? null : limit * mb };
      }
    }
  }
  Object.keys(out).forEach(function (k) {
    var m = out[k];
    if (Number.isNaN(m.used) || Number.isNaN(m.limit)) problems.push(k + ": not a number");
  });
  if (problems.length) throw new Error("cPanel usage: " + problems.join("; "));
  return out;
}

export function createHost(config) {
  var session = securityToken();
  var theme = (window.CPANEL && window.CPANEL.theme) || "jupiter";
  var host = standalone({
    hostName: "cpanel",
    tokenUrl: config.tokenUrl || session + "/frontend/" + theme + "/panelcare/token.live.pl",
    locale: config.locale,
  });
  var get = function (path) {
    return fetch(session + "/execute/" + path, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("cPanel answered " + r.status + " for " + path);
        return r.json();
      });
  };
  host.usage = function () {
    // One failing call still leaves the other's figures.
    var usages = get("ResourceUsage/get_usages").catch(function () { return null; });
    var quota = get("Quota/get_quota_info").catch(function () { return null; });
    return Promise.all([usages, quota]).then(function (r) {
      if (!r[0] && !r[1]) throw new Error("cPanel: neither usage call answered");
      return snapshotFromUapi(r[0], r[1]);
    });
  };
  host.navigate = navigate;
  return host;
}
