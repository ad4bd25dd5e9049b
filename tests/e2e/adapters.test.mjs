// The panel adapters against the panels' documented answers: cPanel's UAPI
// (ResourceUsage::get_usages, Quota::get_quota_info) as fixtures, including failures and
// unlimited quotas. Each answer becomes a usage snapshot or a clear error, never a crash;
// and a page shaped like a cPanel session loads the widget through the adapter, whose
// snapshot picks the offer.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiList, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

const fixture = (name) => JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "cpanel", `${name}.json`), "utf8"));
const GIB = 1024 * 1024 * 1024;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe("the cPanel adapter", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  /** Runs `snapshotFromUapi` in the browser on the named fixtures: {snapshot} or {error}. */
  async function convert(page, usages, quota) {
    return page.evaluate(async ({ usages, quota }) => {
      const m = await import("/adapters/cpanel.js");
      try { return { snapshot: m.snapshotFromUapi(usages, quota) }; } catch (e) { return { error: String(e.message) }; }
    }, { usages: usages && fixture(usages), quota: quota && fixture(quota) });
  }

  test("documented answers become snapshots; failures become clear errors", async () => {
    const { page, context } = await openPage(browser, `${server.url}/demo/`);
    const full = await convert(page, "get_usages", "get_quota_info");
    assert.deepEqual(full.snapshot, {
      disk: { used: 4939212390, limit: 5 * GIB },
      bandwidth: { used: 41016937676, limit: 100 * GIB },
      mail_accounts: { used: 7, limit: 10 },
      databases: { used: 3, limit: 5 },
      inodes: { used: 48210, limit: 250000 },
    });
    // Unlimited: get_usages says null, get_quota_info says 0; both become no limit.
    const unlimited = await convert(page, "get_usages_unlimited", "get_quota_info_unlimited");
    assert.equal(unlimited.snapshot.disk.limit, null);
    assert.equal(unlimited.snapshot.inodes.limit, null);
    assert.deepEqual(unlimited.snapshot.databases, { used: 10, limit: null }, "MySQL and PostgreSQL together");
    // status 0 with errors: the error says what cPanel said.
    const failed = await convert(page, "get_usages_failed", null);
    assert.match(failed.error, /ResourceUsage::get_usages: The system failed to read the usage cache/);
    // Only the quota answered: disk from megabytes, inodes.
    const quotaOnly = await convert(page, null, "get_quota_info");
    assert.deepEqual(quotaOnly.snapshot.disk, { used: 4710.4 * 1024 * 1024, limit: 5120 * 1024 * 1024 });
    // Not UAPI at all, or a figure that is not a number.
    assert.match((await page.evaluate(async () => {
      const m = await import("/adapters/cpanel.js");
      try { m.snapshotFromUapi("<html>login</html>", null); return ""; } catch (e) { return e.message; }
    })), /not a UAPI answer/);
    assert.match((await page.evaluate(async () => {
      const m = await import("/adapters/cpanel.js");
      const body = { result: { status: 1, data: [{ id: "disk_usage", usage: "lots", maximum: 5 }] } };
      try { m.snapshotFromUapi(body, null); return ""; } catch (e) { return e.message; }
    })), /disk: not a number/);
    await context.close();
  });

  test("a page in a cPanel session loads the widget through the adapter and its usage picks the offer", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const session = "/cpsess0123456789";
    const asked = [];
    await page.route(`**${session}/execute/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      asked.push(path);
      const name = path.endsWith("ResourceUsage/get_usages") ? "get_usages" : "get_quota_info";
      route.fulfill({ contentType: "application/json", body: JSON.stringify(fixture(name)) });
    });
    await page.route(`**${session}/frontend/jupiter/index.html`, (route) => route.fulfill({
      contentType: "text/html",
      // Shaped like Jupiter: RequireJS on the page, the security token in CPANEL.
      body: `<!doctype html><html lang="en"><head><title>cPanel</title>
        <script src="/vendor/require.js"></script>
        <script src="/demo/cpanel-require-config.js"></script></head><body>
        <div data-panelcare="offers"></div>
        <div data-panelcare="feedback"></div>
        <script src="/panelcare.js" data-host="cpanel" data-token-url="/demo-api/token?account=alice"></script>
      </body></html>`,
    }));
    await page.goto(`${server.url}${session}/frontend/jupiter/index.html`);
    const card = page.locator("[data-panelcare=offers] .pc-offer");
    await card.waitFor();
    assert.match(await card.textContent(), /Disk space: 4\.6\u00a0GB \/ 5\u00a0GB \(92%\)/);
    assert.deepEqual(asked.sort(), [`${session}/execute/Quota/get_quota_info`, `${session}/execute/ResourceUsage/get_usages`]);
    // And a suggestion goes out through the same adapter's token.
    const message = `Sent through the cPanel adapter ${Date.now()}`;
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator("label[for=pc-category-idea]").click();
    await widget.locator("#pc-message").fill(message);
    await widget.locator("button[type=submit]").click();
    await widget.locator(".pc-item:not(.pc-pending)", { hasText: message }).waitFor();
    assert.ok((await apiList(server.url, "alice")).some((f) => f.message === message));
    await context.close();
  });

  test("the dashboard snippet puts notices over the top of Home and the offer after its content, and nowhere else", async () => {
    // What cPanel renders from the global footer include for an account with the feature:
    // the Template Toolkit directives gone, the server filled in as scripts/dashboard.sh does.
    const snippet = readFileSync(join(import.meta.dirname, "..", "..", "integrations", "cpanel",
      "content_includes", "panelcare-dashboard.html.tt"), "utf8")
      .replace(/\[%[\s\S]*?%\]\n?/g, "")
      .replaceAll("@SERVER@", server.url);
    assert.ok(snippet.includes(`${server.url}/panelcare.js`));
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const session = "/cpsess0123456789";
    const loaded = [];
    page.on("request", (r) => { if (r.url().endsWith("/panelcare.js")) loaded.push(new URL(r.url()).pathname); });
    await page.route(`**${session}/execute/**`, (route) => {
      const name = route.request().url().includes("ResourceUsage/get_usages") ? "get_usages" : "get_quota_info";
      route.fulfill({ contentType: "application/json", body: JSON.stringify(fixture(name)) });
    });
    // The plugin's token page, as the admin module signs it for the session's user.
    await page.route(`**${session}/frontend/jupiter/panelcare/token.live.pl`, async (route) => {
      const t = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
      route.fulfill({ contentType: "application/json", body: JSON.stringify(t) });
    });
    const jupiter = (title) => `<!doctype html><html lang="en"><head><title>${title}</title>
      <script src="/vendor/require.js"></script>
      <script src="/demo/cpanel-require-config.js"></script></head><body>
      <header>cPanel</header>
      <main id="content"><div class="dashboard-widgets">General information</div></main>
      ${snippet}
    </body></html>`;
    await page.route(`**${session}/frontend/jupiter/index.html`, (route) =>
      route.fulfill({ contentType: "text/html", body: jupiter("cPanel - Tools") }));
    await page.route(`**${session}/frontend/jupiter/email_accounts/index.html`, (route) =>
      route.fulfill({ contentType: "text/html", body: jupiter("Email Accounts") }));

    await page.goto(`${server.url}${session}/frontend/jupiter/index.html`);
    const card = page.locator("#panelcare-dashboard [data-panelcare=offers] .pc-offer");
    await card.waitFor();
    assert.match(await card.textContent(), /Disk space: 4\.6\u00a0GB \/ 5\u00a0GB \(92%\)/);
    assert.deepEqual(await page.evaluate(() => {
      const c = document.querySelector("#content");
      return [c.firstElementChild.dataset.panelcare, c.lastElementChild.id];
    }), ["notices", "panelcare-dashboard"], "notices first (the bar floats), the offer after Home's own content");
    assert.deepEqual(loaded, ["/panelcare.js"]);

    await page.goto(`${server.url}${session}/frontend/jupiter/email_accounts/index.html`);
    await page.locator(".dashboard-widgets").waitFor();
    assert.equal(await page.locator("#panelcare-dashboard").count(), 0, "only on Home");
    assert.deepEqual(loaded, ["/panelcare.js"], "no loader on other pages");
    await context.close();
  });
});

describe("the WHMCS adapter", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("a client-area page with the addon's data loads the widget, shows the offer and sends a suggestion", async () => {
    const { token } = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
    // What the addon's PHP maps GetClientsProducts to (crates/server/tests/panel_usage.rs).
    const usage = { service_id: "31", disk: { used: 4710 * 1048576, limit: 5120 * 1048576 } };
    // A token that is about to expire, so the adapter must fetch a fresh one from the addon.
    const data = { token, expires_in: 30, token_url: "index.php?m=panelcare&action=token", usage };
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    let refreshed = 0;
    await page.route("**/whmcs/index.php?m=panelcare&action=token", async (route) => {
      refreshed += 1;
      const fresh = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
      route.fulfill({ contentType: "application/json", body: JSON.stringify(fresh) });
    });
    await page.route("**/whmcs/clientarea.php", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Client Area</title></head><body>
        <div class="panel"><div data-panelcare="offers"></div><div data-panelcare="feedback"></div></div>
        <script type="application/json" id="panelcare-whmcs">${JSON.stringify(data)}</script>
        <script src="/panelcare.js" data-host="whmcs" async></script>
      </body></html>`,
    }));
    await page.goto(`${server.url}/whmcs/clientarea.php`);
    const card = page.locator("[data-panelcare=offers] .pc-offer");
    await card.waitFor();
    assert.match(await card.textContent(), /Disk space: 4\.6\u00a0GB \/ 5\u00a0GB \(92%\)/);
    const message = `Sent through the WHMCS adapter ${Date.now()}`;
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator("label[for=pc-category-idea]").click();
    await widget.locator("#pc-message").fill(message);
    await widget.locator("button[type=submit]").click();
    await widget.locator(".pc-item:not(.pc-pending)", { hasText: message }).waitFor();
    assert.ok(refreshed >= 1, "the near-expiry token was replaced through the addon's token URL");
    assert.ok((await apiList(server.url, "alice")).some((f) => f.message === message), "stored for the token's customer");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a page without the addon's data says so instead of breaking", async () => {
    const { page, context } = await openPage(browser, `${server.url}/demo/`);
    const error = await page.evaluate(async () => {
      const m = await import("/adapters/whmcs.js");
      try { m.readConfig(document); return ""; } catch (e) { return e.message; }
    });
    assert.match(error, /panelcare addon's data is not on this page/);
    await context.close();
  });
});

describe("the Plesk adapter", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("the extension's page in a customer's Plesk loads the widget and sends a suggestion", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    let signed = 0;
    await page.route("**/modules/panelcare/index.php/index/token", async (route) => {
      signed += 1;
      const t = await (await fetch(`${server.url}/demo-api/token?account=boris`)).json();
      route.fulfill({ contentType: "application/json", body: JSON.stringify(t) });
    });
    // What the extension's ContentInclude hook and its index view put on the page.
    await page.route("**/modules/panelcare/index.php/index/index", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="ru"><head><title>Plesk</title>
        <script type="application/json" id="panelcare-plesk">{"token_url":"/modules/panelcare/index.php/index/token"}</script>
        <script src="/panelcare.js" data-host="plesk" data-tenant="acme" async></script></head>
        <body><div id="main"><div data-panelcare="feedback"></div></div></body></html>`,
    }));
    await page.goto(`${server.url}/modules/panelcare/index.php/index/index`);
    const widget = page.locator("[data-panelcare=feedback]");
    const message = `Отправлено через адаптер Plesk ${Date.now()}`;
    await widget.locator("label[for=pc-category-idea]").click();
    await widget.locator("#pc-message").fill(message);
    await widget.locator("button[type=submit]").click();
    await widget.locator(".pc-item:not(.pc-pending)", { hasText: message }).waitFor();
    assert.ok(signed >= 1, "the token came from the extension's token action");
    assert.ok((await apiList(server.url, "boris")).some((f) => f.message === message));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the extension's usage action picks the offer, and a Plesk that cannot answer shows none", async () => {
    // The extension's own mapping (PHP) of the XML API's documented answer.
    const usagePhp = join(import.meta.dirname, "..", "..", "integrations", "plesk", "plib", "library", "Usage.php");
    const xml = readFileSync(join(import.meta.dirname, "..", "fixtures", "plesk", "webspace_get.xml"), "utf8");
    const [snapshot, why] = JSON.parse(execFileSync("php", ["-r",
      "require $argv[1]; echo json_encode(Modules_Panelcare_Usage::fromReply(file_get_contents('php://stdin')));",
      usagePhp], { input: xml }));
    assert.equal(why, null);
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    let answer = { status: 200, body: snapshot };
    await page.route("**/modules/panelcare/index.php/index/token", async (route) => {
      const t = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
      route.fulfill({ contentType: "application/json", body: JSON.stringify(t) });
    });
    await page.route("**/modules/panelcare/index.php/index/usage", (route) =>
      route.fulfill({ status: answer.status, contentType: "application/json", body: JSON.stringify(answer.body) }));
    await page.route("**/smb/web/view", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Plesk</title>
        <script type="application/json" id="panelcare-plesk">{"token_url":"/modules/panelcare/index.php/index/token","usage_url":"/modules/panelcare/index.php/index/usage"}</script>
        <script src="/panelcare.js" data-host="plesk" data-tenant="acme" async></script></head>
        <body><div id="main"><div data-panelcare="offers"></div><p class="plesk-home">Websites &amp; Domains</p></div></body></html>`,
    }));
    await page.goto(`${server.url}/smb/web/view`);
    const card = page.locator("[data-panelcare=offers] .pc-offer");
    await card.waitFor();
    assert.match(await card.textContent(), /Disk space: 4\.6\u00a0GB \/ 5\u00a0GB \(92%\)/);

    answer = { status: 503, body: { error: "Plesk XML API: Owner does not exist (1013)" } };
    await page.reload();
    await page.locator(".plesk-home").waitFor();
    // The offer needs figures: without them nothing is drawn, and nothing breaks.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator("[data-panelcare=offers] .pc-offer").count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("the DirectAdmin adapter", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("the plugin's page in a user's DirectAdmin shows the offer and sends a suggestion", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    // What the plugin's token.raw and usage.raw answer (crates/server/tests/signing_conformance.rs
    // runs the real scripts against a DirectAdmin session).
    await page.route("**/CMD_PLUGINS/panelcare/token.raw", async (route) => {
      const t = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
      route.fulfill({ contentType: "application/json", body: JSON.stringify(t) });
    });
    await page.route("**/CMD_PLUGINS/panelcare/usage.raw", (route) => route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({ service_id: "alice", disk: { used: 4939317248, limit: 5368709120 }, bandwidth: { used: 41016098816, limit: null } }),
    }));
    await page.route("**/CMD_PLUGINS/panelcare", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>DirectAdmin</title></head><body class="evolution">
        <div id="app"><main><div data-panelcare="offers"></div><div data-panelcare="feedback"></div></main></div>
        <script src="/panelcare.js" data-host="directadmin" data-tenant="acme" async></script>
      </body></html>`,
    }));
    await page.goto(`${server.url}/CMD_PLUGINS/panelcare`);
    const card = page.locator("[data-panelcare=offers] .pc-offer");
    await card.waitFor();
    assert.match(await card.textContent(), /Disk space: 4\.6\u00a0GB \/ 5\u00a0GB \(92%\)/);
    const widget = page.locator("[data-panelcare=feedback]");
    const message = `Sent through the DirectAdmin adapter ${Date.now()}`;
    await widget.locator("label[for=pc-category-idea]").click();
    await widget.locator("#pc-message").fill(message);
    await widget.locator("button[type=submit]").click();
    await widget.locator(".pc-item:not(.pc-pending)", { hasText: message }).waitFor();
    assert.ok((await apiList(server.url, "alice")).some((f) => f.message === message));
    assert.deepEqual(problems, []);
    await context.close();
  });
});
