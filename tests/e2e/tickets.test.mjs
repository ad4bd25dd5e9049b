// End to end: a customer opens a critical ticket with a screenshot attached and sees the
// one-hour promise; an agent answers it from the console; the customer reads the answer in
// the panel and rates the help.
import assert from "node:assert/strict";
import { join } from "node:path";
import { deflateSync, crc32 } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { artifacts, axe, freePort, launch, liftLimits, openPage, scratch, startServer } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A real PNG (a blue-to-green gradient, 96×64), so the server can sniff and thumbnail it. */
function screenshotPng() {
  const [w, h] = [96, 64];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = 20; raw[o + 1] = Math.round((x / w) * 200); raw[o + 2] = 220 - Math.round((y / h) * 120);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Opens a ticket for a demo customer straight through the API; answers the ticket. */
async function apiOpen(base, account, subject) {
  const { token } = await (await fetch(`${base}/demo-api/token?account=${account}`)).json();
  const res = await fetch(`${base}/api/v1/tickets`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    body: JSON.stringify({ department: "technical", priority: "normal", subject, message: `${subject}.` }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`POST /tickets answered ${res.status}: ${body}`);
  return JSON.parse(body).ticket;
}

async function signIn(page, email) {
  await page.locator("#c-email").fill(email);
  await page.locator("#c-password").fill("demo-password");
  await page.locator("button[type=submit]").click();
}

describe("support tickets", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("critical ticket with an attachment → agent answers in the console → customer rates it", async () => {
    const subject = `Mail server rejects every message ${Date.now()}`;
    const dashboard = `${server.url}/demo/cpanel.html?customer=alice`;

    // 1. The customer opens a critical ticket and is promised an answer within the hour.
    const customer = await openPage(browser, dashboard);
    const widget = customer.page.locator("[data-panelcare=tickets]");
    await widget.locator(".pc-tickets .pc-item").first().waitFor();
    await customer.page.locator("[data-panelcare=notices] .pc-notice-item").first().waitFor();
    await customer.page.screenshot({ path: join(artifacts(), "dashboard-tickets.png") });
    assert.equal(await widget.locator(".pc-notices").count(), 0, "the page's banner already shows the notices");
    await widget.getByRole("button", { name: "New ticket" }).click();
    await widget.locator("#pc-t-priority").selectOption("critical");
    assert.match(await widget.locator("#pc-t-promise").innerText(), /First answer within 1 hour/);
    await widget.locator("#pc-t-priority").selectOption("low");
    assert.match(await widget.locator("#pc-t-promise").innerText(), /within 24 hours/);
    await widget.locator("#pc-t-priority").selectOption("critical");
    await widget.locator("#pc-t-subject").fill(subject);
    await widget.locator("#pc-t-message").fill("Since 10:05 every outgoing message bounces with 550. Screenshot attached.");
    await widget.locator("#pc-t-files").setInputFiles({ name: "bounce.png", mimeType: "image/png", buffer: screenshotPng() });
    await widget.locator(".pc-files li", { hasText: "bounce.png" }).waitFor();
    await widget.screenshot({ path: join(artifacts(), "ticket-new.png") });
    await widget.getByRole("button", { name: "Open ticket" }).click();

    // The thread opens with the promise and the thumbnail of the attached image.
    const thread = widget.locator(".pc-thread");
    await thread.locator(".pc-subtitle", { hasText: subject }).waitFor();
    assert.match(await thread.locator(".pc-promise").innerText(), /Our answer is due in (59|60) min|in 1 hour/);
    await thread.locator("img.pc-thumb").waitFor();
    assert.equal(await thread.locator("img.pc-thumb").evaluate((img) => img.naturalWidth > 0), true, "the thumbnail loads");
    await customer.page.screenshot({ path: join(artifacts(), "ticket-thread-open.png") });
    assert.deepEqual(customer.problems, [], "no console errors and no CSP violations on the dashboard");
    await customer.context.close();

    // 2. The agent finds it at the top of the queue (least time left) and answers.
    const agent = await openPage(browser, `${server.url}/console/`);
    await signIn(agent.page, "agent@acme-hosting.example");
    const row = agent.page.locator(".c-queue tbody tr", { hasText: subject });
    await row.waitFor();
    // By time left: the demo's late ticket, Борис's (40 min left), then this one (60 min).
    const order = await agent.page.locator(".c-queue tbody tr .c-link").allInnerTexts();
    const at = (text) => order.findIndex((t) => t.includes(text));
    assert.ok(at("Charged twice") === 0, order.join("\n"));
    assert.ok(at("очень медленно") < at(subject) && at(subject) < at("second site"), order.join("\n"));
    assert.match(await row.innerText(), /Critical/);
    assert.match(await row.innerText(), /in (59|60) min|in 1 h/);
    await agent.page.screenshot({ path: join(artifacts(), "console-ticket-queue.png") });
    await row.getByRole("link").click();
    await agent.page.locator("#c-ticket-title", { hasText: subject }).waitFor();
    assert.ok(await agent.page.locator(".c-files a", { hasText: "bounce.png" }).count() === 1, "the agent sees the attachment");

    await agent.page.getByLabel("Internal note").check();
    await agent.page.locator("#c-t-text").fill("Blocklisted by Spamhaus since 10:00 — delisting requested.");
    await agent.page.getByRole("button", { name: /Add note|Send/ }).click();
    await agent.page.locator(".c-msg-note", { hasText: "Spamhaus" }).waitFor();

    await agent.page.getByLabel("Answer", { exact: true }).check();
    await agent.page.locator("#c-t-text").fill("Our outgoing relay was blocklisted; we moved your mail to a clean relay. Please try again.");
    await agent.page.locator("#c-after").selectOption("resolved");
    await agent.page.getByRole("button", { name: /Send/ }).click();
    await agent.page.locator(".c-ok", { hasText: "Answer sent" }).waitFor();
    await agent.page.locator(".c-msg-agent", { hasText: "clean relay" }).waitFor();
    await agent.page.screenshot({ path: join(artifacts(), "console-ticket.png") });

    // 3. The customer sees the answer (not the note) and rates the help.
    const back = await openPage(browser, dashboard);
    const w2 = back.page.locator("[data-panelcare=tickets]");
    const item = w2.locator(".pc-tickets .pc-item", { hasText: subject });
    await item.locator(".pc-badge", { hasText: "Resolved" }).waitFor();
    await item.locator(".pc-ticket-link").click();
    const t2 = w2.locator(".pc-thread");
    await t2.locator(".pc-msg-support", { hasText: "clean relay" }).waitFor();
    assert.ok(!(await t2.innerText()).includes("Spamhaus"), "the internal note stays internal");
    await t2.locator("label[for=pc-rating-5]").click();
    await t2.locator("#pc-rate-comment").fill("Fixed in twenty minutes, thank you!");
    await t2.getByRole("button", { name: "Send rating" }).click();
    await t2.locator(".pc-ok", { hasText: "Thank you for your rating!" }).waitFor();
    await w2.screenshot({ path: join(artifacts(), "ticket-rated.png") });
    await back.context.close();

    // The rating reaches the console's ticket: a reload keeps the agent on it.
    const ticketUrl = agent.page.url();
    await agent.page.reload();
    assert.equal(agent.page.url(), ticketUrl);
    await agent.page.getByText("Customer rating: 5 ★").waitFor();
    await agent.page.getByText("Fixed in twenty minutes").waitFor();
    await agent.context.close();
  });

  test("an agent merges a duplicate and answers with a file; the customer sees both", async () => {
    const first = await apiOpen(server.url, "boris", "Не работает почта на телефоне");
    const dup = await apiOpen(server.url, "boris", "Почта на телефоне снова не работает");
    const agent = await openPage(browser, `${server.url}/console/`);
    await signIn(agent.page, "agent@acme-hosting.example");
    await agent.page.locator(".c-queue tbody tr", { hasText: "снова не работает" }).getByRole("link").click();
    await agent.page.locator("#c-merge-into").selectOption({ label: `#${first.number} Не работает почта на телефоне` });
    await agent.page.getByRole("button", { name: "Merge into it" }).click();
    await agent.page.locator(".c-ok", { hasText: "Merged" }).waitFor();
    await agent.page.getByText(`Merged into #${first.number}`).waitFor();

    await agent.page.getByRole("link", { name: "← Tickets" }).click();
    await agent.page.locator(".c-queue tbody tr", { hasText: "Не работает почта на телефоне" }).getByRole("link").click();
    await agent.page.locator(".c-msg-note", { hasText: `#${dup.number}` }).waitFor();
    await agent.page.locator("#c-t-text").fill("Вот настройки для телефона — на картинке.");
    await agent.page.locator("#c-t-files").setInputFiles({ name: "settings.png", mimeType: "image/png", buffer: screenshotPng() });
    await agent.page.locator(".c-form .c-files li", { hasText: "settings.png" }).waitFor();
    await agent.page.getByRole("button", { name: "Send answer" }).click();
    await agent.page.locator(".c-msg-agent img.c-thumb").waitFor();

    // Hand it to a colleague; the queue filtered by that colleague shows it.
    await agent.page.locator("#c-t-assignee-set").selectOption({ label: "Ada Admin" });
    await agent.page.getByRole("button", { name: "Save" }).click();
    await agent.page.locator(".c-ok", { hasText: "Assigned." }).waitFor();
    await agent.page.getByRole("link", { name: "← Tickets" }).click();
    await agent.page.locator("#c-t-assignee").selectOption({ label: "Ada Admin" });
    const mine = agent.page.locator(".c-queue tbody tr");
    await mine.first().locator(".c-link", { hasText: "Не работает почта на телефоне" }).waitFor();
    assert.deepEqual((await mine.allInnerTexts()).map((r) => r.includes("Ada Admin")), [true]);
    await agent.context.close();

    const customer = await openPage(browser, `${server.url}/demo/cpanel.html?customer=boris&lang=ru`);
    const widget = customer.page.locator("[data-panelcare=tickets]");
    await widget.locator(".pc-tickets .pc-item", { hasText: "снова не работает" }).locator(".pc-ticket-link").click();
    await widget.locator(".pc-msg-support", { hasText: `#${first.number}` }).waitFor();
    await widget.locator(".pc-link", { hasText: "←" }).click();
    await widget.locator(".pc-tickets .pc-item", { hasText: "Не работает почта на телефоне" }).locator(".pc-ticket-link").click();
    const answer = widget.locator(".pc-msg-support", { hasText: "настройки для телефона" });
    await answer.locator("img.pc-thumb").waitFor();
    assert.ok(!(await widget.innerText()).includes("was merged into this one"), "the merge note stays internal");
    await customer.context.close();
  });

  test("a customer with many tickets pages back to the oldest", async () => {
    // More tickets than the default limit lets one customer open at once: the provider lifts it.
    await liftLimits(server.url, "bluefox");
    for (let i = 0; i < 55; i++) await apiOpen(server.url, "milica", `Pitanje broj ${i + 1}`);
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=milica`);
    const widget = page.locator("[data-panelcare=tickets]");
    const items = widget.locator(".pc-tickets .pc-item");
    await items.first().waitFor();
    assert.equal(await items.count(), 50);
    assert.match(await items.first().innerText(), /Pitanje broj 55/);
    // Serbian plural: 6 → "starijih zahteva" (the seeded ticket is the oldest of all 56).
    await widget.getByRole("button", { name: "Prikaži još 6 starijih zahteva" }).click();
    await items.nth(55).waitFor();
    assert.equal(await items.count(), 56);
    assert.match(await items.nth(55).innerText(), /Ne mogu da dodam novi domen/);
    assert.equal(await widget.getByRole("button", { name: /Prikaži još/ }).count(), 0, "nothing older is left");
    await context.close();
  });

  test("the open queue shows a new ticket without a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/console/`);
    await signIn(page, "agent@acme-hosting.example");
    await page.locator(".c-queue tbody tr").first().waitFor();
    const subject = `Backups failed last night ${Date.now()}`;
    await apiOpen(server.url, "alice", subject);
    assert.equal(await page.locator(".c-queue tbody tr", { hasText: subject }).count(), 0);
    await page.clock.fastForward(31_000);
    await page.locator(".c-queue tbody tr", { hasText: subject }).waitFor();
    await context.close();
  });

  test("a customer cannot read another customer's ticket by its id", async () => {
    const token = async (account) => (await (await fetch(`${server.url}/demo-api/token?account=${account}`)).json()).token;
    const open = await fetch(`${server.url}/api/v1/tickets`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await token("alice")}`, "Content-Type": "application/json", "Idempotency-Key": `e2e-${Date.now()}` },
      body: JSON.stringify({ department: "billing", priority: "normal", subject: "Invoice question", message: "Why two invoices this month?" }),
    });
    const body = await open.text();
    assert.equal(open.status, 201, body);
    const { id } = JSON.parse(body).ticket;
    const peek = await fetch(`${server.url}/api/v1/tickets/${id}`, { headers: { Authorization: `Bearer ${await token("boris")}` } });
    assert.equal(peek.status, 404);
  });
});

describe("a ticket being written is not lost", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("a half-written ticket survives reloads and a lost answer, and is opened exactly once", async () => {
    const subject = `AutoSSL cannot renew www ${Date.now()}`;
    const message = "The DNS check fails for www since the move to the new name servers.";
    const { page, context, problems } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = page.locator("[data-panelcare=tickets]");
    await widget.locator(".pc-tickets .pc-item").first().waitFor();
    await widget.getByRole("button", { name: "New ticket" }).click();
    await widget.locator("#pc-t-priority").selectOption("high");
    await widget.locator("#pc-t-subject").fill(subject);
    await widget.locator("#pc-t-message").fill(message);

    // After a reload the widget opens on the draft, as it was left.
    const restored = async () => {
      await widget.locator(".pc-new-ticket").waitFor();
      assert.equal(await widget.locator("#pc-t-subject").inputValue(), subject);
      assert.equal(await widget.locator("#pc-t-message").inputValue(), message);
      assert.equal(await widget.locator("#pc-t-priority").inputValue(), "high");
    };
    await page.reload();
    await restored();

    // The server opens the ticket, but its answer never reaches the browser.
    let posts = 0;
    await page.route("**/api/v1/tickets", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      posts += 1;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await widget.getByRole("button", { name: "Open ticket" }).click();
    await widget.locator(".pc-new-ticket .pc-notice.pc-error").waitFor();
    assert.equal(posts, 1);
    await page.unroute("**/api/v1/tickets");
    await page.reload();
    await restored();

    // Sent again with the draft's key: the server answers with the ticket it already opened.
    await widget.getByRole("button", { name: "Open ticket" }).click();
    await widget.locator(".pc-thread .pc-subtitle", { hasText: subject }).waitFor();
    await page.reload();
    await widget.locator(".pc-tickets .pc-item", { hasText: subject }).waitFor();
    assert.equal(await widget.locator(".pc-new-ticket").count(), 0, "nothing left to bring the form back");
    await widget.getByRole("button", { name: "New ticket" }).click();
    assert.equal(await widget.locator("#pc-t-subject").inputValue(), "");
    assert.equal(await widget.locator("#pc-t-message").inputValue(), "");

    const { token } = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
    const list = await (await fetch(`${server.url}/api/v1/tickets`, { headers: { Authorization: `Bearer ${token}` } })).json();
    assert.equal(list.items.filter((t) => t.subject === subject).length, 1, "opened exactly once");
    // The lost answer is the only failure the page saw.
    assert.ok(problems.every((p) => /api\/v1\/tickets|ERR_CONNECTION_RESET|Failed to fetch/.test(p)), problems.join("\n"));
    await context.close();
  });

  test("a ticket changed after a lost answer is not opened twice, and the customer is told", async () => {
    const subject = `Mailbox quota full ${Date.now()}`;
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = page.locator("[data-panelcare=tickets]");
    await widget.locator(".pc-tickets .pc-item").first().waitFor();
    await widget.getByRole("button", { name: "New ticket" }).click();
    await widget.locator("#pc-t-subject").fill(subject);
    await widget.locator("#pc-t-message").fill("info@ cannot receive mail any more.");
    await page.route("**/api/v1/tickets", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await widget.getByRole("button", { name: "Open ticket" }).click();
    await widget.locator(".pc-new-ticket .pc-notice.pc-error").waitFor();
    await page.unroute("**/api/v1/tickets");
    // The customer adds a detail before trying again: the key now names different content.
    await widget.locator("#pc-t-message").fill("info@ cannot receive mail any more. It is 2 GB of 2 GB.");
    await widget.getByRole("button", { name: "Open ticket" }).click();
    await widget.locator(".pc-notice.pc-ok", { hasText: "already opened with what you first wrote" }).waitFor();
    await widget.locator(".pc-tickets .pc-item", { hasText: subject }).waitFor();
    assert.equal(await widget.locator(".pc-tickets .pc-item", { hasText: subject }).count(), 1);
    await page.reload();
    await widget.locator(".pc-tickets .pc-item", { hasText: subject }).waitFor();
    assert.equal(await widget.locator(".pc-new-ticket").count(), 0, "the draft is gone");
    await context.close();
  });

  test("a file removed while another uploads stays removed", async () => {
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=boris&lang=ru`);
    const widget = page.locator("[data-panelcare=tickets]");
    await widget.locator(".pc-tickets .pc-item").first().waitFor();
    await widget.getByRole("button", { name: "Новое обращение" }).click();
    const log = { name: "error.log", mimeType: "text/plain", buffer: Buffer.from("[error] AH01071: PHP Fatal error\n") };
    await widget.locator("#pc-t-files").setInputFiles(log);
    await widget.locator(".pc-files li", { hasText: "error.log" }).waitFor();
    // The next upload is slow; the customer takes the log off while it is on its way.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route("**/api/v1/attachments**", async (route) => { await held; await route.continue(); });
    await widget.locator("#pc-t-files").setInputFiles({ name: "screen.png", mimeType: "image/png", buffer: screenshotPng() });
    await widget.locator(".pc-files li", { hasText: "error.log" }).getByRole("button").click();
    await widget.locator(".pc-files li", { hasText: "error.log" }).waitFor({ state: "detached" });
    release();
    await widget.locator(".pc-files li", { hasText: "screen.png" }).waitFor();
    assert.deepEqual(await widget.locator(".pc-files li span").allInnerTexts(), ["screen.png"]);
    await context.close();
  });

  test("support's answer appears in an open thread without a reload", async () => {
    const ticket = await apiOpen(server.url, "alice", `Cron e-mails stopped ${Date.now()}`);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/demo/cpanel.html?customer=alice`);
    const widget = page.locator("[data-panelcare=tickets]");
    await widget.locator(".pc-tickets .pc-item", { hasText: ticket.subject }).locator(".pc-ticket-link").click();
    await widget.locator(".pc-thread .pc-subtitle", { hasText: ticket.subject }).waitFor();

    // The agent answers through the console's API, as the console would.
    const login = await fetch(`${server.url}/console/api/login`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "agent@acme-hosting.example", password: "demo-password" }),
    });
    const { csrf_token: csrf } = await login.json();
    const cookie = login.headers.get("set-cookie").split(";")[0];
    const answered = await fetch(`${server.url}/console/api/tickets/${ticket.id}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrf },
      body: JSON.stringify({ kind: "reply", message: "Cron mails go to the account's main address now; we fixed the alias." }),
    });
    assert.equal(answered.status, 201, await answered.text());
    assert.equal(await widget.locator(".pc-msg-support").count(), 0);
    await page.clock.fastForward(61_000);
    await widget.locator(".pc-msg-support", { hasText: "fixed the alias" }).waitFor();
    await context.close();
  });
});

/**
 * Where keyboard focus is (inside the widget's shadow root when `widget` names its host), and
 * whether it is drawn: an outline on the element, or on the star a hidden radio stands for.
 */
async function focusAt(page, widget) {
  return page.evaluate((widget) => {
    const el = widget ? document.querySelector(widget).shadowRoot.activeElement : document.activeElement;
    if (!el || el === document.body) return { at: null, visible: false };
    const shown = Number(getComputedStyle(el).opacity) === 0 ? el.nextElementSibling : el;
    const s = getComputedStyle(shown);
    const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    return { at: el.id || el.textContent.trim().slice(0, 40), cls: String(el.className), visible };
  }, widget);
}

/**
 * Presses Tab until focus is on `stop` (an id, the start of a text, or a test of what
 * `focusAt` says), at most `max` times; answers every stop on the way.
 */
async function tabTo(page, widget, stop, max = 40) {
  const reached = typeof stop === "function" ? stop : (f) => f.at === stop || f.at?.startsWith(stop);
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focusAt(page, widget);
    seen.push(f);
    if (reached(f)) return seen;
  }
  throw new Error(`never reached ${stop}: ${JSON.stringify(seen)}`);
}

describe("accessibility of the ticket screens", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  // The widget sits in the panel's page, whose landmarks are the panel's business.
  const inPanel = { region: { enabled: false } };
  const clean = (r) => JSON.stringify(r.violations, null, 1);

  test("axe finds nothing in the ticket widget: list, notices, a new ticket with a suggestion and an error, an article", async () => {
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = page.locator("[data-panelcare=tickets]");
    await widget.locator(".pc-tickets .pc-item").first().waitFor();
    await page.locator("[data-panelcare=notices] .pc-notice-item").first().waitFor();
    for (const where of ["[data-panelcare=tickets]", "[data-panelcare=notices]"]) {
      const list = await axe(page, where, inPanel);
      assert.deepEqual(list.violations, [], `${where}: ${clean(list)}`);
      assert.ok(list.passes > 10, "axe really looked inside the shadow root");
    }

    await widget.getByRole("button", { name: "New ticket" }).click();
    await widget.locator("#pc-t-subject").fill("503 Service Unavailable");
    await widget.locator(".pc-suggestions li").first().waitFor();
    // Said to screen readers once, as the suggestions appear.
    assert.equal(await widget.locator(".pc-kb [aria-live]").innerText(), "These articles may help");
    // The message left empty: the form's most ARIA-heavy state.
    await widget.getByRole("button", { name: "Open ticket" }).click();
    await widget.locator("#pc-t-message-error").waitFor();
    const form = await axe(page, "[data-panelcare=tickets]", inPanel);
    assert.deepEqual(form.violations, [], clean(form));

    await widget.locator(".pc-suggestions li button").first().click();
    await widget.locator(".pc-article").waitFor();
    const article = await axe(page, "[data-panelcare=tickets]", inPanel);
    assert.deepEqual(article.violations, [], clean(article));
    await context.close();
  });

  test("axe finds nothing in the console's queue and ticket, nor in the customer's thread with its rating form", async () => {
    const subject = `Cannot reach phpMyAdmin ${Date.now()}`;
    await apiOpen(server.url, "boris", subject);
    const agent = await openPage(browser, `${server.url}/console/`);
    await signIn(agent.page, "agent@acme-hosting.example");
    const row = agent.page.locator(".c-queue tbody tr", { hasText: subject });
    await row.waitFor();
    await agent.page.locator(".c-workload").waitFor();
    const queue = await axe(agent.page, "body");
    assert.deepEqual(queue.violations, [], clean(queue));
    assert.ok(queue.passes > 10);

    await row.getByRole("link").click();
    await agent.page.locator("#c-ticket-title", { hasText: subject }).waitFor();
    const ticket = await axe(agent.page, "body");
    assert.deepEqual(ticket.violations, [], clean(ticket));
    // Sent empty: the composer's error state.
    await agent.page.getByRole("button", { name: "Send answer" }).click();
    await agent.page.locator("#c-t-text-error").waitFor();
    const refused = await axe(agent.page, "body");
    assert.deepEqual(refused.violations, [], clean(refused));
    await agent.page.locator("#c-t-text").fill("phpMyAdmin is back; the PHP-FPM pool had stopped.");
    await agent.page.locator("#c-after").selectOption("resolved");
    await agent.page.getByRole("button", { name: "Send answer" }).click();
    await agent.page.locator(".c-ok", { hasText: "Answer sent" }).waitFor();
    const answered = await axe(agent.page, "body");
    assert.deepEqual(answered.violations, [], clean(answered));
    await agent.context.close();

    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=boris&lang=ru`);
    const host = "[data-panelcare=tickets]";
    const widget = page.locator(host);
    await widget.locator(".pc-tickets .pc-item", { hasText: subject }).locator(".pc-ticket-link").click();
    await widget.locator(".pc-rate").waitFor();
    const thread = await axe(page, host, inPanel);
    assert.deepEqual(thread.violations, [], clean(thread));
    // The rating is asked for, not called optional: the form cannot be sent without it.
    assert.doesNotMatch(await widget.locator(".pc-rate legend").innerText(), /необязательно/);
    await widget.locator("label[for=pc-rating-4]").click();
    await widget.locator(".pc-rate button[type=submit]").click();
    await widget.locator(".pc-rated").waitFor();
    // The rated form is gone; focus is on the thanks, not back at the page's top.
    await page.waitForFunction((h) => document.querySelector(h).shadowRoot.activeElement?.classList.contains("pc-rated"), host);
    await context.close();
  });

  test("a customer opens a ticket with the keyboard alone, focus visible all the way", async () => {
    const subject = `Keyboard only ${Date.now()}`;
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const host = "[data-panelcare=tickets]";
    const widget = page.locator(host);
    await widget.locator(".pc-tickets .pc-item").first().waitFor();
    // From the top of the page, by Tab alone, to the widget's button.
    const toButton = await tabTo(page, host, "New ticket", 80);
    assert.ok(toButton.at(-1).visible, JSON.stringify(toButton.at(-1)));
    await page.keyboard.press("Enter");
    await widget.locator(".pc-new-ticket").waitFor();
    // The button is gone: focus is at the top of the widget, not back at the page's.
    await page.waitForFunction((h) => document.querySelector(h).shadowRoot.activeElement?.classList.contains("pc-tickets-panel"), host);
    const order = await tabTo(page, host, "Open ticket");
    assert.deepEqual(order.map((f) => f.at), [order[0].at, "pc-t-department", "pc-t-priority", "pc-t-subject", "pc-t-message", "pc-t-files", "Open ticket"]);
    assert.match(order[0].at, /← /);
    assert.ok(order.every((f) => f.visible), JSON.stringify(order));

    // Sent empty: the keyboard lands on the first field in error.
    await page.keyboard.press("Enter");
    await widget.locator("#pc-t-subject-error").waitFor();
    await page.waitForFunction((h) => document.querySelector(h).shadowRoot.activeElement?.id === "pc-t-subject", host);
    await page.keyboard.type(subject);
    await page.keyboard.press("Shift+Tab");
    assert.equal((await focusAt(page, host)).at, "pc-t-priority");
    // Arrow keys choose in a focused select (normal, then high).
    await page.keyboard.press("ArrowDown");
    assert.equal(await widget.locator("#pc-t-priority").inputValue(), "high");
    await tabTo(page, host, "pc-t-message");
    await page.keyboard.type("Typed without a mouse.");
    await tabTo(page, host, "Open ticket");
    await page.keyboard.press("Enter");
    await widget.locator(".pc-thread .pc-subtitle", { hasText: subject }).waitFor();
    // The thread starts at the widget's top too: the way back is the next stop.
    await page.waitForFunction((h) => document.querySelector(h).shadowRoot.activeElement?.classList.contains("pc-tickets-panel"), host);
    await page.keyboard.press("Tab");
    assert.match((await focusAt(page, host)).at, /← /);
    await page.keyboard.press("Enter");
    await widget.locator(".pc-tickets .pc-item", { hasText: subject }).waitFor();
    await page.waitForFunction((h) => document.querySelector(h).shadowRoot.activeElement?.classList.contains("pc-tickets-panel"), host);
    const back = await tabTo(page, host, "New ticket");
    assert.ok(back.every((f) => f.visible), JSON.stringify(back));
    await context.close();
  });

  test("an agent works a ticket with the keyboard alone, focus visible all the way", async () => {
    const subject = `Agent keyboard ${Date.now()}`;
    await apiOpen(server.url, "alice", subject);
    const { page, context } = await openPage(browser, `${server.url}/console/`);
    await signIn(page, "agent@acme-hosting.example");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Support settings", exact: true }).click();
    await page.locator("#c-cr-title").fill("PHP restarted");
    await page.locator("#c-cr-body").fill("We restarted PHP for your site; it answers again.");
    await page.getByRole("button", { name: "Add canned reply" }).click();
    await page.locator(".c-canned li", { hasText: "PHP restarted" }).waitFor();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tickets", exact: true }).click();
    await page.locator(".c-queue tbody tr", { hasText: subject }).waitFor();
    // The queue starts at its heading; Tab walks the filters, then the tickets.
    await page.waitForFunction(() => document.activeElement?.id === "c-tickets-title");
    const toRow = await tabTo(page, null, (f) => f.at?.includes(subject));
    assert.ok(toRow.every((f) => f.visible), JSON.stringify(toRow));
    await page.keyboard.press("Enter");
    await page.locator("#c-ticket-title", { hasText: subject }).waitFor();
    // The ticket starts at its heading (the way back is just before it), then the composer.
    await page.waitForFunction(() => document.activeElement?.id === "c-ticket-title");
    const order = await tabTo(page, null, "Send answer");
    const at = order.map((f) => f.at);
    assert.equal(at[0], "c-k-Answer");
    assert.deepEqual(at.slice(-4), ["c-t-text", "c-t-files", "c-after", "Send answer"]);
    assert.ok(order.every((f) => f.visible), JSON.stringify(order));

    // Sent empty: the message says so at the field, which takes focus.
    await page.keyboard.press("Enter");
    await page.locator("#c-t-text-error").waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "c-t-text");
    assert.equal(await page.locator("#c-t-text").getAttribute("aria-describedby"), "c-t-text-error");
    await page.keyboard.type("Answered from the keyboard.");
    // Arrowing to a canned reply does not replace what was written; Insert does.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    assert.equal((await focusAt(page)).at, "c-canned");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator("#c-t-text").inputValue(), "Answered from the keyboard.");
    await page.keyboard.press("Tab");
    assert.deepEqual(await focusAt(page), { at: "Insert", cls: "c-button c-ghost c-small", visible: true });
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#c-t-text").inputValue(), "We restarted PHP for your site; it answers again.");
    await tabTo(page, null, "Send answer");
    await page.keyboard.press("Enter");
    await page.locator(".c-msg-agent", { hasText: "We restarted PHP for your site" }).waitFor();

    // Arrowing through the status changes nothing until Save.
    const events = await page.locator(".c-event").count();
    await tabTo(page, null, "c-t-status-set");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator(".c-event").count(), events, "nothing applied on the way");
    const save = await tabTo(page, null, "Save");
    assert.ok(save.every((f) => f.visible), JSON.stringify(save));
    await page.keyboard.press("Enter");
    await page.locator(".c-ok", { hasText: "Status changed." }).waitFor();
    await page.locator(".c-event").nth(events).waitFor();
    assert.equal(await page.locator(".c-event").count(), events + 1, "one change, to the status chosen");
    await context.close();
  });
});
