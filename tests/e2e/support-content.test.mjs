// End to end: support content written in the console reaches customers. An agent writes a
// knowledge-base article, a customer typing a ticket subject is offered it, reads it and says
// it solved the problem, and the console counts the deflection; an admin publishes
// maintenance and posts an incident update, and the customers they concern see them on their
// dashboard; an admin changes the support settings, and the webhook secret is never read back.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, freePort, launch, openPage, scratch, startServer, twoFrames } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, email) {
  await page.locator("#c-email").fill(email);
  await page.locator("#c-password").fill("demo-password");
  await page.locator("button[type=submit]").click();
  await page.locator(".c-top .c-who").waitFor();
}

/** A console API answer with the page's session, as the console itself would ask. */
function consoleGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: "application/json" } });
    return { status: res.status, body: await res.json() };
  }, path);
}

/** An `<input type=datetime-local>` value `minutes` from now in the browser's own zone. */
function localIn(page, minutes) {
  return page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const two = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  }, minutes);
}

/** Only the 401 of the first `/me` before sign-in may be logged; nothing else. */
const unexpected = (problems) => problems.filter((p) => !p.includes("status of 401"));

describe("support content", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("an agent's article is suggested to a customer, solves it, and the console counts it", async () => {
    const stamp = Date.now();
    const title = `Restoring a site from a JetBackup snapshot ${stamp}`;

    const agent = await openPage(browser, `${server.url}/console/`);
    await signIn(agent.page, "agent@acme-hosting.example");
    const before = await consoleGet(agent.page, "/console/api/ticket-numbers");
    assert.equal(before.status, 200, JSON.stringify(before.body));
    const solvedBefore = before.body.total.solved_by_article;

    await agent.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Knowledge base", exact: true }).click();
    await agent.page.locator(".c-kb-table tbody tr").first().waitFor();
    await agent.page.getByRole("button", { name: "New article" }).click();
    // An agent writes for its own tenant: no choice to make.
    assert.equal(await agent.page.locator("select#c-kb-tenant").count(), 0);
    assert.equal(await agent.page.locator("output#c-kb-tenant").innerText(), "Acme Hosting");
    // Refused on the form, next to the field, before anything is sent.
    await agent.page.getByRole("button", { name: "Save draft" }).click();
    await agent.page.locator("#c-kb-title-error", { hasText: "required" }).waitFor();

    await agent.page.getByLabel("Title").fill(title);
    await agent.page.getByLabel("Article (Markdown)").fill(
      "Every night JetBackup keeps a **snapshot** of your files and databases.\n\n" +
      "1. Open **JetBackup › Full Account Backups**.\n2. Choose the night before the problem.\n" +
      "3. Press *Restore*; mail and DNS stay as they are.\n\n[More about backups](https://docs.acme-hosting.example/backups)",
    );
    await agent.page.getByLabel(/Published/).check();
    await agent.page.getByRole("button", { name: "Publish article" }).click();
    await agent.page.locator(".c-ok", { hasText: "saved" }).waitFor();
    const row = agent.page.locator(".c-kb-table tbody tr", { hasText: title });
    await row.waitFor();
    assert.match(await row.innerText(), /English\s+Published/);

    // The customer starts a ticket; the article appears while the subject is typed.
    const customer = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = customer.page.locator("[data-panelcare=tickets]");
    await widget.getByRole("button", { name: "New ticket" }).click();
    await widget.locator("#pc-t-subject").fill("How do I restore my site from JetBackup?");
    const suggestion = widget.locator(".pc-suggestions button", { hasText: title });
    await suggestion.waitFor();
    await customer.page.screenshot({ path: join(artifacts(), "widget-kb-suggestion.png") });
    await suggestion.click();
    const article = widget.locator(".pc-article");
    await article.locator(".pc-article-body strong", { hasText: "snapshot" }).waitFor();
    await article.getByRole("button", { name: "This solved it" }).click();
    await widget.locator(".pc-ok", { hasText: "Glad it helped" }).waitFor();
    assert.deepEqual(customer.problems, [], "no console errors and no CSP violations on the dashboard");
    await customer.context.close();

    // The console counts it: on the article and in the deflection figure.
    const after = await consoleGet(agent.page, "/console/api/ticket-numbers");
    assert.equal(after.body.total.solved_by_article, solvedBefore + 1, JSON.stringify(after.body.total));
    const acme = after.body.tenants.find((t) => t.tenant_id === "acme");
    assert.ok(acme.summary.deflection_rate > 0, JSON.stringify(acme.summary));
    await agent.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tickets", exact: true }).click();
    await agent.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Knowledge base", exact: true }).click();
    const counted = agent.page.locator(".c-kb-table tbody tr", { hasText: title });
    await counted.locator(".c-solved", { hasText: "1" }).waitFor();
    await agent.page.screenshot({ path: join(artifacts(), "console-kb.png"), fullPage: true });

    // Back to a draft: customers are no longer offered it. Then it is deleted.
    await counted.getByRole("link", { name: `Edit “${title}”` }).click();
    assert.equal(await agent.page.getByLabel("Title").inputValue(), title);
    await agent.page.getByLabel(/Published/).uncheck();
    await agent.page.getByRole("button", { name: "Save draft" }).click();
    await agent.page.locator(".c-kb-table tbody tr", { hasText: title }).locator(".c-badge", { hasText: "Draft" }).waitFor();
    const { token } = await (await fetch(`${server.url}/demo-api/token?account=alice`)).json();
    const search = await fetch(`${server.url}/api/v1/kb/search?q=JetBackup`, { headers: { Authorization: `Bearer ${token}` } });
    assert.ok(!(await search.json()).items.some((h) => h.title === title), "a draft is not suggested");
    await agent.page.getByRole("link", { name: `Edit “${title}”` }).click();
    await agent.page.getByRole("button", { name: "Delete article" }).click();
    await agent.page.getByRole("button", { name: "Yes, delete it" }).click();
    await agent.page.locator(".c-ok", { hasText: "deleted" }).waitFor();
    // The confirmation can be drawn a moment before the list is read again.
    await agent.page.locator(".c-kb-table tbody tr", { hasText: title }).waitFor({ state: "detached" });
    assert.equal(await agent.page.locator(".c-kb-table tbody tr", { hasText: title }).count(), 0);
    assert.deepEqual(unexpected(agent.problems), [], "no console errors and no CSP violations in the console");
    await agent.context.close();
  });

  test("an admin's maintenance notice and incident update reach the customers they concern", async () => {
    const stamp = Date.now();
    const title = `Database upgrade on web-07 ${stamp}`;
    const update = `Mail flows again through the clean relay ${stamp}`;

    const admin = await openPage(browser, `${server.url}/console/`);
    await signIn(admin.page, "admin@acme-hosting.example");
    await admin.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Notices", exact: true }).click();
    // The demo's incident is going on; an update tells customers where things stand.
    const incident = admin.page.locator(".c-notice", { hasText: "Outgoing mail is delayed" });
    await incident.waitFor();
    await incident.getByLabel("Post an update customers see").fill(update);
    await incident.getByRole("button", { name: "Post update" }).click();
    await incident.locator(".c-note-body", { hasText: update }).waitFor();

    await admin.page.getByRole("button", { name: "New notice" }).click();
    await admin.page.locator("#c-n-tenant").selectOption("acme");
    await admin.page.locator("#c-n-kind").selectOption("maintenance");
    await admin.page.getByLabel("Title").fill(title);
    await admin.page.getByLabel("What customers should know").fill("MySQL on web-07 moves to 8.4; sites answer slowly for about 15 minutes.");
    // The end before the start is refused on the form.
    await admin.page.getByLabel("Starts").fill(await localIn(admin.page, 120));
    await admin.page.getByLabel("Ends").fill(await localIn(admin.page, 60));
    await admin.page.getByRole("button", { name: "Publish notice" }).click();
    await admin.page.locator("#c-n-ends-error", { hasText: "after the start" }).waitFor();
    await admin.page.getByLabel("Ends").fill(await localIn(admin.page, 180));
    await admin.page.getByLabel("Affected servers").fill("web-07.acme-hosting.example");
    await admin.page.getByRole("button", { name: "Publish notice" }).click();
    await admin.page.locator(".c-ok", { hasText: "saved" }).waitFor();
    const upcoming = admin.page.locator(".c-notice-group:has(#c-n-coming-up) .c-notice", { hasText: title });
    await upcoming.waitFor();
    assert.match(await upcoming.innerText(), /servers: web-07\.acme-hosting\.example/);
    await admin.page.screenshot({ path: join(artifacts(), "console-notices.png"), fullPage: true });
    assert.deepEqual(unexpected(admin.problems), [], "no console errors and no CSP violations in the console");
    await admin.context.close();

    // Alice is on web-07: she sees the maintenance and the incident's latest update.
    const alice = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const banner = alice.page.locator("[data-panelcare=notices]");
    await banner.locator(".pc-notice-item", { hasText: title }).waitFor();
    // A line per notice over the top of the page; the details open on request.
    await banner.locator(".pc-notices-more").click();
    await banner.locator(".pc-notice-item", { hasText: "Outgoing mail is delayed" }).locator(".pc-muted", { hasText: update }).waitFor();
    await alice.page.screenshot({ path: join(artifacts(), "dashboard-notice.png") });
    // Hidden, it stays hidden on this device while the same notices stand.
    await banner.locator(".pc-notices-hide").click();
    await banner.locator(".pc-notices-bar").waitFor({ state: "detached" });
    const asked = alice.page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/notices" && r.ok());
    await alice.page.reload();
    await asked;
    // Two frames after the answer: the widget has drawn what it decided.
    await twoFrames(alice.page);
    assert.equal(await banner.locator(".pc-notices-bar").count(), 0, "still hidden after a reload");
    assert.deepEqual(alice.problems, [], "no console errors and no CSP violations on the dashboard");
    await alice.context.close();

    // Борис is on web-03: the incident concerns him, the maintenance on web-07 does not.
    const boris = await openPage(browser, `${server.url}/demo/cpanel.html?customer=boris&lang=ru`);
    const his = boris.page.locator("[data-panelcare=notices]");
    await his.locator(".pc-notices-more").click();
    await his.locator(".pc-notice-item", { hasText: update }).waitFor();
    assert.equal(await his.locator(".pc-notice-item", { hasText: title }).count(), 0);
    await boris.context.close();

    // The incident is over and the maintenance called off: customers stop seeing both.
    const again = await openPage(browser, `${server.url}/console/`);
    await signIn(again.page, "admin@acme-hosting.example");
    await again.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Notices", exact: true }).click();
    await again.page.getByRole("button", { name: "End “Outgoing mail is delayed” now" }).click();
    await again.page.locator(".c-notice-group:has(#c-n-over) .c-notice", { hasText: "Outgoing mail is delayed" }).waitFor();
    await again.page.getByRole("button", { name: `Remove “${title}”` }).click();
    await again.page.getByRole("button", { name: "Yes, remove" }).click();
    await again.page.locator(".c-ok", { hasText: "removed" }).waitFor();
    // The confirmation can be drawn a moment before the list is read again.
    await again.page.locator(".c-notice", { hasText: title }).waitFor({ state: "detached" });
    assert.equal(await again.page.locator(".c-notice", { hasText: title }).count(), 0);
    await again.context.close();
    const later = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const now = later.page.locator("[data-panelcare=notices]");
    await now.locator(".pc-notice-item", { hasText: "Kernel update on web-07" }).waitFor();
    assert.equal(await now.locator(".pc-notice-item", { hasText: "Outgoing mail is delayed" }).count(), 0);
    assert.equal(await now.locator(".pc-notice-item", { hasText: title }).count(), 0);
    await later.context.close();
  });

  test("an admin sets the support promise and notifications; the webhook secret is never read back", async () => {
    const admin = await openPage(browser, `${server.url}/console/`);
    await signIn(admin.page, "admin@bluefox.example");
    await admin.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Support settings", exact: true }).click();
    const critical = admin.page.locator("#c-s-standard-first_response-critical");
    await critical.waitFor();

    // Over 24 hours is refused next to the field, and nothing is saved.
    await critical.fill("1500");
    await admin.page.getByRole("button", { name: "Save ticket settings" }).click();
    await admin.page.locator("#c-s-standard-first_response-critical-error", { hasText: "24 hours" }).waitFor();
    await critical.fill("30");
    await admin.page.locator("#c-s-new-tier").fill("gold");
    await admin.page.getByRole("button", { name: "Add tier" }).click();
    await admin.page.locator("#c-s-gold-first_response-critical").fill("15");
    await admin.page.locator("#c-s-reopen").fill("14");
    await admin.page.getByRole("button", { name: "Save ticket settings" }).click();
    await admin.page.locator(".c-ok", { hasText: "Ticket settings saved" }).waitFor();
    const saved = await consoleGet(admin.page, "/console/api/tenants/bluefox/ticket-settings");
    assert.equal(saved.body.policies.standard.first_response.critical, 30);
    assert.equal(saved.body.policies.gold.first_response.critical, 15);
    assert.equal(saved.body.reopen_days, 14);

    await admin.page.locator("#c-cr-title").fill("Restart the Node.js app");
    await admin.page.locator("#c-cr-body").fill("Open Setup Node.js App and press Restart; the site is back within a minute.");
    await admin.page.getByRole("button", { name: "Add canned reply" }).click();
    await admin.page.locator(".c-canned li", { hasText: "Restart the Node.js app" }).waitFor();

    await admin.page.locator("#c-nt-emails").fill("oncall@bluefox.example");
    await admin.page.locator("#c-nt-url").fill("https://hooks.bluefox.example/panelcare");
    await admin.page.getByRole("button", { name: "Save notification settings" }).click();
    await admin.page.locator("#c-nt-secret-error", { hasText: "secret" }).waitFor();
    await admin.page.getByRole("button", { name: "Generate a new secret" }).click();
    const once = await admin.page.locator(".c-once", { hasText: "New secret:" }).innerText();
    const secret = once.match(/New secret: ([0-9a-f]{64})/)[1];
    await admin.page.getByRole("button", { name: "Save notification settings" }).click();
    await admin.page.locator(".c-ok", { hasText: "Notification settings saved" }).waitFor();
    await admin.page.screenshot({ path: join(artifacts(), "console-support-settings.png"), fullPage: true });

    // Neither the page nor the API gives the secret back.
    const read = await consoleGet(admin.page, "/console/api/tenants/bluefox/notifications");
    assert.equal(read.body.webhook_secret, "");
    assert.equal(read.body.webhook_url, "https://hooks.bluefox.example/panelcare");
    await admin.page.reload();
    await admin.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Support settings", exact: true }).click();
    await admin.page.locator(".c-secret-state", { hasText: "stored (hidden)" }).waitFor();
    assert.equal(await admin.page.locator("#c-nt-secret").inputValue(), "");
    assert.ok(!(await admin.page.content()).includes(secret), "the secret is nowhere on the page");
    assert.deepEqual(unexpected(admin.problems), [], "no console errors and no CSP violations in the console");
    await admin.context.close();

    // An agent manages canned replies but sees no ticket or notification settings.
    const agent = await openPage(browser, `${server.url}/console/`);
    await signIn(agent.page, "agent@acme-hosting.example");
    await agent.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Support settings", exact: true }).click();
    await agent.page.locator("#c-cr-title").waitFor();
    assert.equal(await agent.page.locator("#c-s-reopen, #c-nt-url").count(), 0);
    await agent.context.close();
  });
});
