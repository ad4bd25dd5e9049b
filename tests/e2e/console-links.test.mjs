// End to end: the console's addresses. A new ticket's notification e-mail (caught by a local
// SMTP sink) links straight to the ticket; opened signed out, the console asks for sign-in
// at that address and then shows the ticket. Back and forward move between screens, and a
// reload keeps the screen.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, consoleSession, launch, openPage, scratch, startWithMail } from "./support.mjs";

describe("console addresses", () => {
  let browser, server, sink, tmp;
  before(async () => {
    browser = await launch();
    tmp = scratch();
    ({ server, sink } = await startWithMail(tmp.db));
  });
  after(async () => { await browser?.close(); await server?.stop(); await sink?.close(); tmp?.cleanup(); });

  test("a notification e-mail opens its ticket, after sign-in", async () => {
    const base = server.url;
    const { cookie, csrf } = await consoleSession(base);
    const saved = await fetch(`${base}/console/api/tenants/acme/notifications`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", cookie, "X-CSRF-Token": csrf },
      body: JSON.stringify({ emails: ["oncall@acme.test"], webhook_url: "", webhook_secret: "" }),
    });
    assert.equal(saved.status, 200, await saved.text());

    const { token } = await (await fetch(`${base}/demo-api/token?account=alice`)).json();
    const subject = `Mail server refuses logins ${Date.now()}`;
    const opened = await fetch(`${base}/api/v1/tickets`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `links-${Date.now()}` },
      body: JSON.stringify({ department: "technical", priority: "high", subject, message: "Since this morning." }),
    });
    const answer = await opened.json();
    assert.equal(opened.status, 201, JSON.stringify(answer));
    const { ticket } = answer;

    const mail = await sink.next((m) => m.includes(subject));
    const link = mail.match(/Open the ticket:\r?\n(\S+)/)?.[1];
    assert.equal(link, `${base}/console/tickets/${ticket.id}`, mail);

    // Opened signed out: sign-in at the ticket's address, then the ticket itself.
    const { page, context, problems } = await openPage(browser, link);
    await page.locator("#c-email").fill("admin@acme-hosting.example");
    await page.locator("#c-password").fill("demo-password");
    await page.locator("button[type=submit]").click();
    await page.getByRole("heading", { name: new RegExp(subject) }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/console/tickets/${ticket.id}`);
    await page.screenshot({ path: join(artifacts(), "console-ticket-from-mail.png"), fullPage: true });

    // A reload keeps the ticket; the navigation goes to the feedback inbox, back returns to
    // the ticket and forward to the inbox.
    await page.reload();
    await page.getByRole("heading", { name: new RegExp(subject) }).waitFor();
    const nav = page.getByRole("navigation", { name: "Console" });
    await nav.getByRole("link", { name: "Feedback", exact: true }).click();
    await page.waitForURL(`${base}/console/feedback`);
    assert.equal(await nav.getByRole("link", { name: "Feedback", exact: true }).getAttribute("aria-current"), "page");
    await page.goBack();
    await page.getByRole("heading", { name: new RegExp(subject) }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "Tickets", exact: true }).getAttribute("aria-current"), "page");
    await page.goForward();
    await page.waitForURL(`${base}/console/feedback`);
    assert.equal(await page.title(), "Feedback · panelcare console");

    // An address the console does not have says so, with a way back.
    await page.goto(`${base}/console/no-such-screen`);
    await page.getByRole("heading", { name: "Nothing here" }).waitFor();
    // The only logged problem is the 401 of the first visit, signed out.
    const unexpected = problems.filter((p) => !p.includes("status of 401"));
    assert.deepEqual(unexpected, []);
    await context.close();
  });
});
