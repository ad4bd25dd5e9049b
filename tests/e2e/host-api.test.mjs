// End to end: the host page's API, window.panelcare, on the demo panel pages. Calls made
// before the loader through the README's one-line stub are done in order; open() draws the
// drawer with a prefilled ticket or suggestion; events reach the page (ready, open, close,
// ticket:created, feedback:sent, offer:clicked, error, unread); identify() with a token or a
// refreshing function replaces the adapter's customer; logout() forgets drafts but keeps a
// queued suggestion for its own customer, never shown to another, sent when they come back;
// setLocale() redraws in another language. The loader alone costs a dashboard nothing more.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { apiList, consoleSession, freePort, launch, scratch, startServer, startMounts, strictPanel } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The one-line stub exactly as the README documents it. */
const STUB = (() => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const line = readme.split("\n").find((l) => l.startsWith("window.panelcare||"));
  assert.ok(line, "the README shows the one-line stub");
  return line;
})();

/** The demo's published signing keys (crates/server/src/demo/mod.rs): tokens of our own. */
const SECRETS = { acme: "demo-secret-acme-not-for-production", bluefox: "demo-secret-bluefox-not-for-production" };
const b64 = (v) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
function sign(tenant, account, seconds, extra = {}) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: "HS256", typ: "JWT", kid: "demo-1" });
  const body = b64({ iss: tenant, sub: account, aud: "panelcare", iat: now, exp: now + seconds, name: account, plan: "starter", ...extra });
  const mac = createHmac("sha256", SECRETS[tenant]).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${mac}`;
}

async function demoToken(base, account) {
  return (await (await fetch(`${base}/demo-api/token?account=${account}`)).json()).token;
}

/**
 * A demo page with the stub and `setup` (a function run in the page before the loader, with
 * `arg`) installed first; what the page's handlers report goes to `events` as [name, detail].
 */
async function openWith(base, path, setup = () => {}, arg = null, viewport = { width: 1350, height: 940 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const events = [];
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.exposeFunction("__report", (name, detail) => events.push([name, detail]));
  await page.addInitScript(`if (window.top === window) { ${STUB}; (${setup})(${JSON.stringify(arg)}); }`);
  await page.goto(`${base}${path}`);
  return { page, context, events, problems };
}

/** Resolves with the first reported event `name` matching `pred`. */
async function seen(events, name, pred = () => true, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const found = events.find(([n, d]) => n === name && pred(d));
    if (found) return found[1];
    if (Date.now() > until) throw new Error(`no ${name} event; got ${JSON.stringify(events)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ALL = ["ready", "open", "close", "unread", "ticket:created", "feedback:sent", "offer:clicked", "error"];

describe("the host page's API", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("calls queued by the stub before the loader run first, in order; a dashboard without them loads no API", async () => {
    const tokens = { boris: await demoToken(server.url, "boris"), alice: await demoToken(server.url, "alice") };
    const { page, context, problems } = await openWith(server.url, "/demo/cpanel.html?customer=alice", (t) => {
      window.__got = [];
      panelcare.on("ready", () => window.__got.push("ready"));
      const off = panelcare.on("open", () => window.__got.push("unsubscribed handler"));
      off();
      panelcare.on("open", (d) => window.__got.push(`open ${d.kind}`));
      // In order: Alice, then Boris (his token speaks Russian), then English after all.
      panelcare.identify(t.alice);
      panelcare.identify(t.boris);
      panelcare.setLocale("en");
      panelcare.unread().then((n) => window.__got.push(`unread ${typeof n}`));
      panelcare.open("feedback");
    }, tokens);
    // Before any widget was drawn: Boris, in English, from the first draw.
    const drawer = page.locator("[data-panelcare-launcher] [role=dialog]");
    const widget = drawer.locator("[data-panelcare=feedback]");
    await widget.locator("label[for=pc-message]", { hasText: "Your message" }).waitFor();
    const ticket = page.locator("[data-panelcare=tickets]").first();
    await ticket.scrollIntoViewIfNeeded();
    await ticket.locator(".pc-subject").first().waitFor();
    const mine = await (await fetch(`${server.url}/api/v1/tickets`, { headers: { Authorization: `Bearer ${tokens.boris}` } })).json();
    assert.equal(await ticket.locator(".pc-subject").first().innerText(), mine.items[0].subject, "Boris's tickets");
    await page.waitForFunction(() => window.__got.length >= 3);
    assert.deepEqual((await page.evaluate(() => window.__got)).sort(), ["open feedback", "ready", "unread number"]);
    assert.equal(await page.evaluate(() => panelcare.version), 2);
    assert.deepEqual(problems, []);
    await context.close();

    // The same dashboard without the API downloads only what it did before: no API file.
    const plain = await browser.newContext();
    const p2 = await plain.newPage();
    const asked = [];
    p2.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await p2.goto(`${server.url}/demo/cpanel.html?customer=alice`);
    await startMounts(p2, ["notices", "offers", "tickets", "feedback"]);
    await p2.waitForLoadState("networkidle");
    assert.ok(!asked.some((a) => /\/assets\/(api|launcher|frame)-/.test(a)), asked.join(" "));
    await plain.close();
  });

  test("open() prefills a ticket in the drawer; the page hears open, ticket:created and close, and focus comes back", async () => {
    const { page, context, events, problems } = await openWith(server.url, "/demo/cpanel.html?customer=alice");
    await page.evaluate((names) => { for (const n of names) panelcare.on(n, (d) => window.__report(n, d)); }, ALL);
    await seen(events, "ready");
    // A control of the page's own opens the drawer, as a "Contact support" link would.
    await page.evaluate(() => {
      const b = document.createElement("button");
      b.id = "contact";
      b.textContent = "Contact support";
      b.addEventListener("click", () => panelcare.open("tickets", {
        subject: "Mail bounces since this morning", message: "Every message to gmail.com bounces.",
        department: "technical", priority: "high",
      }));
      document.body.prepend(b);
    });
    await page.locator("#contact").focus();
    await page.keyboard.press("Enter");
    const drawer = page.locator("[data-panelcare-launcher]").locator("[role=dialog]");
    await drawer.waitFor();
    assert.deepEqual(await seen(events, "open"), { kind: "tickets" });
    const form = drawer.locator("[data-panelcare=tickets]");
    await form.locator("#pc-t-subject").waitFor();
    assert.equal(await form.locator("#pc-t-subject").inputValue(), "Mail bounces since this morning");
    assert.equal(await form.locator("#pc-t-message").inputValue(), "Every message to gmail.com bounces.");
    assert.equal(await form.locator("#pc-t-priority").inputValue(), "high");
    // Focus went into the drawer.
    assert.equal(await page.evaluate(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return a.getAttribute("role");
    }), "dialog");
    await form.getByRole("button", { name: "Open ticket" }).click();
    const created = await seen(events, "ticket:created");
    assert.equal(created.subject, "Mail bounces since this morning");
    assert.equal(created.priority, "high");
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    // Escape closes it from inside the widget; focus returns to the page's control.
    await form.locator(".pc-msg-mine").first().waitFor();
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    assert.deepEqual(await seen(events, "close"), { kind: "tickets" });
    assert.equal(await page.evaluate(() => document.activeElement.id), "contact");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("on a page without widgets: open() prefills a suggestion; feedback:sent and error reach the page; unread counts answers not yet read", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const events = [];
    await page.exposeFunction("__report", (name, detail) => events.push([name, detail]));
    await page.route("**/panel/plain.html*", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>A panel with no room</title></head><body>
        <h1>A panel with no room for boxes</h1>
        <script src="/panelcare.js" data-host="demo"></script>
      </body></html>`,
    }));
    await page.goto(`${server.url}/panel/plain.html?customer=alice&lang=en`);
    await page.evaluate((names) => { for (const n of names) panelcare.on(n, (d) => window.__report(n, d)); }, ALL);
    // Alice has one answered suggestion she has not seen on this device.
    assert.equal(await page.evaluate(() => panelcare.unread()), 1);
    await page.evaluate(() => panelcare.open("feedback", { category: "idea", message: "A staging copy, please." }));
    const drawer = page.locator("[data-panelcare-launcher] [role=dialog]");
    const form = drawer.locator("[data-panelcare=feedback]");
    await form.locator("#pc-message").waitFor();
    assert.equal(await form.locator("#pc-message").inputValue(), "A staging copy, please.");
    assert.equal(await form.locator("#pc-category-idea").isChecked(), true);
    await form.locator("button[type=submit]").click();
    const sent = await seen(events, "feedback:sent");
    assert.equal(sent.category, "idea");
    // The list with the answer was drawn: it counts as read, and the count says so.
    assert.equal(await seen(events, "unread", (n) => n === 0), 0);
    assert.equal(await page.evaluate(() => panelcare.unread()), 0);

    // A server that cannot answer is the page's error event.
    await page.route("**/api/v1/feedback", (r) => (r.request().method() === "POST"
      ? r.fulfill({ status: 503, contentType: "application/json", body: "{}" }) : r.continue()));
    await form.locator("label[for=pc-category-problem]").click();
    await form.locator("#pc-message").fill("Sent while the server is down");
    await form.locator("button[type=submit]").click();
    assert.deepEqual(await seen(events, "error"), { kind: "api", path: "/api/v1/feedback" });
    await page.unroute("**/api/v1/feedback");

    // Support answers a ticket: one unread answer until she opens it.
    const { token } = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
    const opened = await (await fetch(`${server.url}/api/v1/tickets`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `e2e-unread-${Date.now()}` },
      body: JSON.stringify({ department: "technical", priority: "normal", subject: "Backups?", message: "Where are my backups?" }),
    })).json();
    const { cookie, csrf } = await consoleSession(server.url);
    const answered = await fetch(`${server.url}/console/api/tickets/${opened.ticket.id}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", cookie, "X-CSRF-Token": csrf },
      body: JSON.stringify({ kind: "reply", message: "Under Files → Backups." }),
    });
    assert.equal(answered.status, 201, await answered.text());
    assert.equal(await page.evaluate(() => panelcare.unread()), 1);
    await page.evaluate(() => panelcare.open("tickets"));
    const tickets = drawer.locator("[data-panelcare=tickets]");
    await tickets.getByRole("button", { name: /Backups\?/ }).click();
    await tickets.locator(".pc-msg-support", { hasText: "Under Files" }).waitFor();
    await page.waitForFunction(() => panelcare.unread().then((n) => n === 0));
    await page.evaluate(() => panelcare.close());
    await context.close();
  });

  test("following the offer is the page's offer:clicked, told before the billing page opens", async () => {
    const { page, context, events } = await openWith(server.url, "/demo/cpanel.html?customer=alice", (names) => {
      for (const n of names) panelcare.on(n, (d) => window.__report(n, d));
    }, ALL);
    const offer = page.locator("[data-panelcare=offers]");
    await offer.scrollIntoViewIfNeeded();
    await offer.getByRole("button", { name: /Upgrade to Pro/ }).click();
    const clicked = await seen(events, "offer:clicked");
    assert.ok(clicked.rule && clicked.variant, JSON.stringify(clicked));
    assert.match(clicked.url, /billing/);
    // The page is on its way to the billing page. One CI run waited on this close for good
    // (the browser idle, the assertions above passed), so it is bounded; the next test opens
    // a context of its own.
    await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]);
  });

  test("identify() with a function: asked again before the token expires; the widgets show that customer", async () => {
    const short = sign("acme", "boris", 45, { locale: "ru" });
    const { page, context } = await openWith(server.url, "/demo/cpanel.html?customer=alice", (token) => {
      window.__asked = 0;
      panelcare.identify(() => { window.__asked += 1; return Promise.resolve(token); });
    }, short);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.scrollIntoViewIfNeeded();
    // Boris, in Russian (his token's language), though the page's adapter speaks for Alice.
    await widget.locator("label[for=pc-message]", { hasText: "Ваше сообщение" }).waitFor();
    const message = `Boris through identify ${Date.now()}`;
    await widget.locator("label[for=pc-category-idea]").click();
    await widget.locator("#pc-message").fill(message);
    await widget.locator("button[type=submit]").click();
    await widget.locator(".pc-item:not(.pc-pending)", { hasText: message }).waitFor();
    assert.ok((await apiList(server.url, "boris")).some((f) => f.message === message), "stored for Boris");
    assert.ok(!(await apiList(server.url, "alice")).some((f) => f.message === message), "not for Alice");
    // A token within a minute of its end is asked for again on the next request.
    assert.ok(await page.evaluate(() => window.__asked) >= 2, "the function was called again");
    await context.close();
  });

  test("logout() forgets drafts; a queued suggestion stays its customer's, unseen by another, and goes out when they return", async () => {
    const { page, context } = await openWith(server.url, "/demo/cpanel.html?customer=alice");
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.scrollIntoViewIfNeeded();
    await widget.locator("#pc-message").waitFor();
    // A queued suggestion: the server is down when Alice sends it.
    await page.route("**/api/v1/feedback", (r) => (r.request().method() === "POST"
      ? r.fulfill({ status: 503, contentType: "application/json", body: "{}" }) : r.continue()));
    const queued = `Queued by Alice ${Date.now()}`;
    await widget.locator("label[for=pc-category-idea]").click();
    await widget.locator("#pc-message").fill(queued);
    await widget.locator("button[type=submit]").click();
    await widget.locator(".pc-item.pc-pending", { hasText: queued }).waitFor();
    // And a draft.
    await widget.locator("#pc-message").fill("A half-written thought");
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith(":alice:feedback-draft")));

    await page.evaluate(() => panelcare.logout());
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.endsWith(":alice:feedback-draft")));
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.ok(keys.some((k) => k.endsWith(":alice:feedback-outbox")), `the outbox stays: ${keys}`);
    assert.ok(!keys.some((k) => k.startsWith("panelcare:v1:seen:")), `what was read is forgotten: ${keys}`);
    // Logged out, the widgets are empty.
    await page.waitForFunction(() => !document.querySelector("[data-panelcare=feedback]").shadowRoot.querySelector(".pc-root"));
    await page.unroute("**/api/v1/feedback");

    // Boris signs in on the same device: he never sees Alice's message, nor sends it.
    await page.evaluate((t) => panelcare.identify(t), await demoToken(server.url, "boris"));
    await widget.locator("label[for=pc-message]", { hasText: "Ваше сообщение" }).waitFor();
    await widget.locator(".pc-history, .pc-history + *, p.pc-muted:not([role])").first().waitFor();
    assert.equal(await widget.locator(".pc-item", { hasText: queued }).count(), 0);
    assert.equal(await widget.locator("#pc-message").inputValue(), "");
    assert.ok(!(await apiList(server.url, "boris")).some((f) => f.message === queued));
    assert.ok(!(await apiList(server.url, "alice")).some((f) => f.message === queued), "not sent while she is away");

    // Alice comes back: her queued suggestion goes out, once.
    await page.evaluate((t) => panelcare.identify(t), await demoToken(server.url, "alice"));
    await widget.locator(".pc-item:not(.pc-pending)", { hasText: queued }).waitFor();
    assert.equal((await apiList(server.url, "alice")).filter((f) => f.message === queued).length, 1);
    assert.equal(await widget.locator("#pc-message").inputValue(), "", "her draft was forgotten");
    await context.close();
  });

  test("logout() then identify() at once forget the first customer's drafts; open() then close() at once leave the drawer shut", async () => {
    const { page, context } = await openWith(server.url, "/demo/cpanel.html?customer=alice");
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.scrollIntoViewIfNeeded();
    await widget.locator("#pc-message").fill("Alice's half-written thought");
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith(":alice:feedback-draft")));
    // The usual "switch account": no wait between the two calls.
    await page.evaluate((t) => Promise.all([panelcare.logout(), panelcare.identify(t)]), await demoToken(server.url, "boris"));
    await widget.locator("label[for=pc-message]", { hasText: "Ваше сообщение" }).waitFor();
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.ok(!keys.some((k) => k.endsWith(":alice:feedback-draft")), `Alice's draft is forgotten: ${keys}`);
    assert.equal(await widget.locator("#pc-message").inputValue(), "");

    // A non-ASCII account name reads the same in the API as in the widget (UTF-8 claims).
    await page.evaluate((t) => panelcare.identify(t), sign("acme", "đorđe", 600));
    await widget.locator("label[for=pc-message]", { hasText: "Your message" }).waitFor();
    await widget.locator("#pc-message").fill("Đorđe's draft");
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith(":đorđe:feedback-draft")));
    await page.evaluate(() => panelcare.logout());
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.endsWith(":đorđe:feedback-draft")));

    // open() waits for the launcher's words; a close() right after it still comes after it.
    await page.evaluate((t) => panelcare.identify(t), await demoToken(server.url, "alice"));
    const shut = await page.evaluate(() => Promise.all([panelcare.open("tickets"), panelcare.close()])
      .then(() => document.querySelector("[data-panelcare-launcher]").shadowRoot.querySelector(".pcl-drawer").hidden));
    assert.equal(shut, true, "the drawer is shut");
    await context.close();
  });

  test("identify() while a queued suggestion is being sent: the rest of the queue never goes out as the new customer", async () => {
    const { page, context } = await openWith(server.url, "/demo/cpanel.html?customer=alice");
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.scrollIntoViewIfNeeded();
    await widget.locator("#pc-message").waitFor();
    // The server is down while Alice sends two suggestions: both wait in her outbox.
    let mode = "down";
    let release;
    const held = new Promise((r) => { release = r; });
    let heldOne;
    const holding = new Promise((r) => { heldOne = r; });
    const posted = [];
    await page.route("**/api/v1/feedback", async (r) => {
      if (r.request().method() !== "POST") return r.continue();
      posted.push([r.request().headers().authorization, r.request().postData()]);
      if (mode === "down") return r.fulfill({ status: 503, contentType: "application/json", body: "{}" });
      if (mode === "hold") {
        mode = "up";
        heldOne();
        await held;
      }
      return r.continue();
    });
    const first = `First of two ${Date.now()}`;
    const second = `Second of two ${Date.now()}`;
    for (const text of [first, second]) {
      await widget.locator("label[for=pc-category-idea]").click();
      await widget.locator("#pc-message").fill(text);
      await widget.locator("button[type=submit]").click();
      await widget.locator(".pc-item.pc-pending", { hasText: text }).waitFor();
    }
    // The server comes back; the outbox's retry sends the first, whose answer is held while
    // the page signs Boris in.
    mode = "hold";
    await holding;
    const boris = await demoToken(server.url, "boris");
    await page.evaluate((t) => panelcare.identify(t), boris);
    await widget.locator("label[for=pc-message]", { hasText: "Ваше сообщение" }).waitFor();
    release();
    // The first is Alice's, stored once; the second stays in her outbox, unsent.
    for (let i = 0; !(await apiList(server.url, "alice")).some((f) => f.message === first); i++) {
      assert.ok(i < 100, "the first suggestion was stored");
      await new Promise((r) => setTimeout(r, 100));
    }
    // Alice comes back: the second goes out as hers, once.
    await page.evaluate((t) => panelcare.identify(t), await demoToken(server.url, "alice"));
    await widget.locator(".pc-item:not(.pc-pending)", { hasText: second }).waitFor();
    const hers = await apiList(server.url, "alice");
    assert.equal(hers.filter((f) => f.message === first).length, 1);
    assert.equal(hers.filter((f) => f.message === second).length, 1);
    assert.ok(!(await apiList(server.url, "boris")).some((f) => f.message === first || f.message === second));
    const asBoris = posted.filter(([auth, body]) => auth === `Bearer ${boris}` && /of two/.test(body || ""));
    assert.deepEqual(asBoris, [], "nothing of Alice's was sent with Boris's token");
    await context.close();
  });

  test("the API in the iframe fallback: events, prefill and logout cross postMessage, never to *", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    // Every message the page sends our frames is recorded with its target origin. The spy on
    // each frame's window is made by the page (a function of another window would change the
    // message's source); what the frames send the page is checked in the files below.
    await context.addInitScript(() => {
      if (window.top === window) {
        window.__targets = [];
        window.__spy = (real) => function (message, target) {
          window.__targets.push(String(target && typeof target === "object" ? target.targetOrigin : target));
          return real.apply(this, arguments);
        };
      } else if (window.top.__spy) {
        window.postMessage = window.top.__spy(window.postMessage);
      }
    });
    const page = await context.newPage();
    const events = [];
    await page.exposeFunction("__report", (name, detail) => events.push([name, detail]));
    await strictPanel(page, `<button id="contact">Contact support</button> <div data-panelcare="feedback" style="height: 460px"></div> <script src="/panelcare.js" data-host="demo" data-tenant="acme"></script>`);
    await page.goto(`${server.url}/panel/strict.html?customer=alice&lang=en`);
    await page.evaluate((names) => { for (const n of names) panelcare.on(n, (d) => window.__report(n, d)); }, ALL);
    const inline = page.locator("[data-panelcare=feedback] iframe").contentFrame();
    await inline.locator("#pc-message").waitFor();
    const message = `Framed with the API ${Date.now()}`;
    await inline.locator("label[for=pc-category-idea]").click();
    await inline.locator("#pc-message").fill(message);
    await inline.locator("button[type=submit]").click();
    assert.equal((await seen(events, "feedback:sent")).category, "idea");

    // open() with a prefill: the drawer holds a frame, whose form is filled in.
    await page.evaluate(() => panelcare.open("tickets", { subject: "Framed subject", priority: "low" }));
    const drawer = page.locator("[data-panelcare-launcher] [role=dialog]");
    const framed = drawer.locator("iframe").contentFrame();
    await framed.locator("#pc-t-subject").waitFor();
    assert.equal(await framed.locator("#pc-t-subject").inputValue(), "Framed subject");
    assert.equal(await framed.locator("#pc-t-priority").inputValue(), "low");
    // Escape inside the frame closes the drawer too.
    await framed.locator("#pc-t-subject").focus();
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // logout: the frame forgets its customer's draft and empties.
    await inline.locator("#pc-message").fill("A framed draft");
    await page.evaluate(() => panelcare.logout());
    await inline.locator(".pc-root").waitFor({ state: "detached" });
    await page.evaluate((t) => panelcare.identify(t), await demoToken(server.url, "alice"));
    await inline.locator("#pc-message").waitFor();
    assert.equal(await inline.locator("#pc-message").inputValue(), "");

    const targets = await page.evaluate(() => window.__targets);
    assert.ok(targets.length > 5, `the page answered its frames: ${targets}`);
    assert.ok(!targets.includes("*") && !targets.includes("undefined"), `every message names its target: ${targets}`);
    assert.ok(targets.every((t) => t === server.url), `${targets}`);
    await context.close();
  });

  test("no file of ours posts a message to every origin", () => {
    for (const file of ["panelcare.js", "api.js", "frame.js", "launcher.js", "adapters/frame-host.js"]) {
      const text = readFileSync(new URL(`../../www/${file}`, import.meta.url), "utf8");
      for (const call of text.match(/postMessage\([^;]*\)/g) || []) {
        assert.doesNotMatch(call, /["']\*["']/, `${file}: ${call}`);
      }
    }
  });
});
