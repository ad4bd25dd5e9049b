// End to end: an unhappy customer reaches the agents at once. Alice rates a suggestion 1 ★ in
// the widget on the demo cPanel page; the address the provider chose for low ratings gets the
// e-mail (caught by a local SMTP sink) with a link to the suggestion; the agent's console
// shows the Low ratings link with one unseen, and opening the suggestion clears it. The
// admin chooses the low-rating addresses and the webhook's events in the console. In Russian
// and Serbian the same link speaks the agent's language.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, axe, consoleSession, launch, openPage, scratch, consoleSignIn, startWithMail } from "./support.mjs";

describe("low ratings", () => {
  let browser, server, sink, tmp;
  before(async () => {
    browser = await launch();
    tmp = scratch();
    ({ server, sink } = await startWithMail(tmp.db));
  });
  after(async () => { await browser?.close(); await server?.stop(); await sink?.close(); tmp?.cleanup(); });

  test("an admin chooses who hears of low ratings, in the console", async () => {
    const base = server.url;
    const { page, context, problems } = await openPage(browser, `${base}/console/support`);
    await consoleSignIn(page, "admin@acme-hosting.example");
    const form = page.getByRole("form", { name: "Notification settings" });
    const low = form.getByRole("group", { name: "Low ratings" });
    await low.getByLabel("E-mail low ratings to").fill("agent@acme-hosting.example");
    await low.getByLabel("Language of low-rating e-mails").selectOption("en");
    const events = form.getByRole("group", { name: "Events the webhook gets" });
    // Every event but each new suggestion, until the admin chooses.
    assert.equal(await events.getByRole("checkbox", { checked: true }).count(), 5);
    assert.equal(await events.getByLabel(/^feedback\.created/).isChecked(), false);
    await events.getByLabel(/^ticket\.customer_reply/).uncheck();
    await form.getByLabel("E-mail addresses").fill("oncall@acme.test");
    await form.getByRole("button", { name: "Save notification settings" }).click();
    await form.getByText("Notification settings saved.").waitFor();
    const violations = await axe(page, ".c-notify");
    assert.deepEqual(violations.violations, [], JSON.stringify(violations.violations, null, 1));
    await form.screenshot({ path: join(artifacts(), "console-notify-low-ratings.png") });

    const { cookie } = await consoleSession(base);
    const saved = await (await fetch(`${base}/console/api/tenants/acme/notifications`, { headers: { cookie } })).json();
    assert.deepEqual(saved.low_rating_emails, ["agent@acme-hosting.example"]);
    assert.deepEqual(saved.emails, ["oncall@acme.test"]);
    assert.equal(saved.webhook_events.includes("ticket.customer_reply"), false);
    assert.equal(saved.webhook_events.includes("ticket.low_rating"), true);
    // The only logged problem is the 401 of the first visit, signed out.
    assert.deepEqual(problems.filter((p) => !p.includes("status of 401")), []);
    await context.close();
  });

  test("a 1 ★ suggestion e-mails the agent, badges the console, and clears once opened", async () => {
    const base = server.url;
    // The customer rates 1 in the widget.
    const shop = await openPage(browser, `${base}/demo/cpanel.html`);
    const widget = shop.page.locator("[data-panelcare=feedback]");
    await widget.locator("form").waitFor();
    const message = `The new backup page loses my settings ${Date.now()}`;
    await widget.locator("label[for=pc-category-problem]").click();
    await widget.locator("#pc-message").fill(message);
    await widget.locator("label[for=pc-rating-1]").click();
    await widget.locator("button[type=submit]").click();
    await widget.locator(".pc-notice.pc-ok").waitFor();
    assert.deepEqual(shop.problems, []);
    await shop.context.close();

    // The agent hears of it by mail, with the link straight to the suggestion.
    const mail = await sink.next((m) => m.includes(message) && m.includes("To: agent@acme-hosting.example"));
    assert.match(mail, /Subject: \[Acme Hosting\] Low rating 1\/5 from Alice/);
    const link = mail.match(/Open the suggestion:\r?\n(\S+)/)?.[1];
    assert.ok(link?.startsWith(`${base}/console/feedback/`), mail);
    assert.equal(sink.messages.filter((m) => m.includes(message) && m.includes("To: oncall@acme.test")).length, 0,
      "the ticket address is not told of low ratings when others are set for them");

    // The console: the link says one unseen, the list shows it not seen yet.
    const { page, context, problems } = await openPage(browser, `${base}/console/`);
    await consoleSignIn(page, "agent@acme-hosting.example");
    const nav = page.getByRole("navigation", { name: "Console" });
    const alerts = nav.getByRole("link", { name: "Low ratings (1 unseen)", exact: true });
    await alerts.waitFor();
    assert.equal(await nav.locator(".c-count").innerText(), "1");
    await page.screenshot({ path: join(artifacts(), "console-low-ratings-badge.png") });
    await alerts.click();
    await page.waitForURL(`${base}/console/alerts`);
    await page.getByRole("heading", { name: "Low ratings" }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(message.slice(0, 40)) });
    await row.getByText("Not seen yet").waitFor();
    const found = await axe(page, "main");
    assert.deepEqual(found.violations, [], JSON.stringify(found.violations, null, 1));
    await page.screenshot({ path: join(artifacts(), "console-low-ratings.png"), fullPage: true });

    // Opening the suggestion clears the count (the link's name too), for everyone.
    await row.getByRole("link").click();
    await page.waitForURL(link);
    await page.getByRole("heading", { name: /Problem from Alice/ }).waitFor();
    await nav.getByRole("link", { name: "Low ratings", exact: true }).waitFor();
    assert.equal(await nav.locator(".c-count").count(), 0);
    await nav.getByRole("link", { name: "Low ratings", exact: true }).click();
    await row.getByText(/Seen by/).waitFor();
    const { cookie } = await consoleSession(base);
    const unseen = await (await fetch(`${base}/console/api/alerts/unseen`, { headers: { cookie } })).json();
    assert.equal(unseen.unseen, 0, "stored: the provider's admin sees it cleared too");

    // The numbers show the low rating waiting for its first answer.
    await nav.getByRole("link", { name: "Numbers", exact: true }).click();
    const card = page.getByRole("article", { name: "Acme Hosting" });
    const part = card.locator(".c-numbers-alerts");
    await part.waitFor();
    assert.match(await part.innerText(), /Low ratings \(1–2 ★\)\s*1/);
    assert.deepEqual(problems.filter((p) => !p.includes("status of 401")), []);
    await context.close();
  });

  test("the link speaks Russian and Serbian to agents who read them", async () => {
    const base = server.url;
    for (const [locale, name] of [["ru-RU", "Низкие оценки"], ["sr-Latn-RS", "Niske ocene"]]) {
      const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/console/alerts`);
      await consoleSignIn(page, "admin@acme-hosting.example");
      const nav = page.getByRole("navigation", { name: "Console" });
      await nav.getByRole("link", { name }).waitFor();
      const heading = page.getByRole("heading", { name });
      await heading.waitFor();
      assert.equal(await page.locator("section[aria-labelledby=c-alerts-title]").getAttribute("lang"), locale.startsWith("ru") ? "ru" : "sr-Latn");
      await context.close();
    }
  });
});
