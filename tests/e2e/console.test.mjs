// End to end: an agent answers in the console, and the customer sees it in the widget.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiSend, artifacts, freePort, launch, openPage, scratch, startServer, consoleSignIn } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Signs in and opens the feedback inbox (the console opens on the ticket queue). */
async function signInToFeedback(page, email) {
  await consoleSignIn(page, email);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Feedback", exact: true }).click();
}

describe("the operator console", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("an agent answers a suggestion and the customer sees the answer in the widget", async () => {
    const message = `Please add Let's Encrypt wildcard certificates ${Date.now()}`;
    await apiSend(server.url, "boris", { category: "idea", message, rating: 2 });

    const { page, context, problems } = await openPage(browser, `${server.url}/console/`);
    await signInToFeedback(page, "agent@acme-hosting.example");
    await page.locator(".c-top .c-who", { hasText: "Acme Hosting" }).waitFor();
    // A rating of 2 is flagged and listed first.
    const first = page.locator(".c-row").first();
    await first.locator(".c-row-message", { hasText: message }).waitFor();
    assert.match(await first.locator(".c-flag").innerText(), /Low rating: 2/);
    await page.screenshot({ path: join(artifacts(), "console-inbox.png") });

    await first.getByRole("link").click();
    await page.locator("#c-status").selectOption("planned");
    await page.locator(".c-ok", { hasText: "Status saved" }).waitFor();
    await page.locator("#c-note").fill("Needs DNS API support on our side first.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator(".c-note-body", { hasText: "Needs DNS API" }).waitFor();
    await page.locator("#c-answer").fill("Спасибо! Wildcard-сертификаты появятся в декабре.");
    await page.getByRole("button", { name: "Send answer" }).click();
    await page.locator(".c-ok", { hasText: "Answer sent" }).waitFor();
    await page.screenshot({ path: join(artifacts(), "console-detail.png") });
    // The first /me before sign-in answers 401, which Chromium logs; nothing else may appear.
    const unexpected = problems.filter((p) => !p.includes("status of 401"));
    assert.deepEqual(unexpected, [], "no console errors and no CSP violations");
    await context.close();

    const customer = await openPage(browser, `${server.url}/demo/cpanel.html?customer=boris&lang=ru`);
    const widget = customer.page.locator("[data-panelcare=feedback]");
    const item = widget.locator(".pc-item", { hasText: message });
    await item.locator(".pc-answer").waitFor();
    assert.equal(await item.locator(".pc-badge").innerText(), "Запланировано");
    assert.match(await item.locator(".pc-answer").innerText(), /появятся в декабре/);
    assert.ok(!(await widget.innerText()).includes("DNS API"), "the internal note stays internal");
    await customer.context.close();
  });

  test("a reseller admin sees only its own customers' suggestions", async () => {
    const { page, context } = await openPage(browser, `${server.url}/console/`);
    await signInToFeedback(page, "admin@bluefox.example");
    await page.locator(".c-top .c-who", { hasText: "BlueFox Web" }).waitFor();
    // Milica buys from BlueFox; Alice and Boris from Acme.
    await page.locator(".c-row", { hasText: "Milica" }).waitFor();
    const rows = await page.locator(".c-row").allInnerTexts();
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r) => !r.includes("Alice") && !r.includes("Борис")), rows.join("\n"));
    await context.close();
  });

  test("a provider admin sees the numbers of every tenant, drawn as charts", async () => {
    const { page, context } = await openPage(browser, `${server.url}/console/`);
    await consoleSignIn(page, "admin@acme-hosting.example");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Numbers", exact: true }).click();
    const cards = page.locator(".c-numbers");
    await cards.first().waitFor();
    const titles = await cards.locator("h2").allInnerTexts();
    assert.deepEqual(titles, ["All tenants", "Acme Hosting", "BlueFox Web"]);
    assert.ok((await cards.first().locator("svg rect.c-bar").count()) >= 30, "a bar per day");
    assert.match(await cards.first().locator("svg").first().getAttribute("aria-label"), /Suggestions per day/);
    // The support half: tickets per day and SLA kept per priority, next to the feedback.
    const support = cards.first().locator(".c-numbers-tickets");
    assert.match(await support.locator("svg").first().getAttribute("aria-label"), /Tickets per day/);
    assert.match(await support.locator(".c-shares svg").getAttribute("aria-label"), /SLA kept per priority: Critical \d+ % of \d+; High \d+ % of \d+; Normal \d+ % of \d+/);
    assert.match(await support.innerText(), /Ticket rating\s+\d\.\d ★ \(\d+\)/);
    assert.match(await support.innerText(), /Solved by an article\s+\d+ % \([1-9]\d*\)/);
    assert.match(await page.locator(".c-numbers-agents").innerText(), /Andrej Agent · Acme Hosting\s+\d+ of \d+ \(\d+ %\)/);
    await page.screenshot({ path: join(artifacts(), "console-numbers.png"), fullPage: true });
    await context.close();
  });

  test("a reseller admin adds an agent who can sign in, and rotates a key", async () => {
    const { page, context } = await openPage(browser, `${server.url}/console/`);
    await consoleSignIn(page, "admin@bluefox.example");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Team and keys", exact: true }).click();
    await page.locator(".c-plain li", { hasText: "admin@bluefox.example" }).waitFor();
    await page.locator("#c-t-name").fill("Nikola Novak");
    await page.locator("#c-t-email").fill("nikola@bluefox.example");
    await page.getByRole("button", { name: "Add account" }).click();
    const once = page.locator(".c-once", { hasText: "nikola@bluefox.example" });
    await once.waitFor();
    const password = (await once.innerText()).match(/password (\S+) /)[1];
    await page.locator(".c-plain li", { hasText: "nikola@bluefox.example" }).waitFor();

    await page.locator("#c-t-kid").fill("k2");
    await page.getByRole("button", { name: "Add key" }).click();
    await page.locator(".c-once", { hasText: "Key k2: secret" }).waitFor();
    await page.getByRole("button", { name: "Remove key demo-1" }).click();
    await page.locator(".c-ok", { hasText: "Key demo-1 removed" }).waitFor();
    await page.locator(".c-plain li", { hasText: "demo-1" }).waitFor({ state: "detached" });
    await page.locator(".c-plain li", { hasText: "k2" }).waitFor();
    await page.locator("#c-t-origins").fill("https://Panel.BlueFox.example:2083/\nnot an origin");
    await page.getByRole("button", { name: "Save origins" }).click();
    await page.locator(".c-error", { hasText: "not an origin" }).waitFor();
    await page.locator("#c-t-origins").fill("https://Panel.BlueFox.example:2083/");
    await page.getByRole("button", { name: "Save origins" }).click();
    await page.locator(".c-ok", { hasText: "only on 1 panel origin" }).waitFor();
    assert.equal(await page.locator("#c-t-origins").inputValue(), "https://panel.bluefox.example:2083");
    await page.screenshot({ path: join(artifacts(), "console-team.png"), fullPage: true });
    await context.close();

    const nikola = await openPage(browser, `${server.url}/console/`);
    await nikola.page.locator("#c-email").fill("nikola@bluefox.example");
    await nikola.page.locator("#c-password").fill(password);
    await nikola.page.locator("button[type=submit]").click();
    await nikola.page.locator(".c-top .c-who", { hasText: "Nikola Novak" }).waitFor();
    // An agent has no admin pages.
    assert.equal(await nikola.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Team and keys", exact: true }).count(), 0);
    await nikola.context.close();
  });

  test("script and markup in what customers write stay text in the console and the widget", async () => {
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> ${Date.now()}`;
    await apiSend(server.url, "alice", { category: "other", message: payload });
    const { page, context } = await openPage(browser, `${server.url}/console/`);
    await signInToFeedback(page, "agent@acme-hosting.example");
    const row = page.locator(".c-row", { hasText: "window.__pwned=1" });
    await row.waitFor();
    assert.equal(await row.locator("img, script, b").count(), 0, "no element was made from the text");
    await row.getByRole("link").click();
    await page.locator(".c-message", { hasText: "<b>bold</b>" }).waitFor();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await context.close();

    const customer = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = customer.page.locator("[data-panelcare=feedback]");
    const item = widget.locator(".pc-item .pc-message", { hasText: "window.__pwned=1" });
    await item.waitFor();
    assert.equal(await item.locator("img, script, b").count(), 0);
    assert.equal(await customer.page.evaluate(() => window.__pwned), undefined);
    await customer.context.close();
  });

  test("a wrong password is refused on the form", async () => {
    const { page, context } = await openPage(browser, `${server.url}/console/`);
    await page.locator("#c-email").fill("admin@acme-hosting.example");
    await page.locator("#c-password").fill("not-the-password");
    await page.locator("button[type=submit]").click();
    assert.match(await page.locator(".c-error").innerText(), /not right/);
    await context.close();
  });
});
