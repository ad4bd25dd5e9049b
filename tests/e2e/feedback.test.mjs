// End to end: the demo cPanel dashboard, the real server binary, Chromium.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiList, apiSend, artifacts, axe, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Fills and sends the feedback form of the widget on `page`. */
async function sendFeedback(page, { category = "idea", message, stars }) {
  const widget = page.locator("[data-panelcare=feedback]");
  await widget.locator(`label[for=pc-category-${category}]`).click();
  await widget.locator("#pc-message").fill(message);
  if (stars) await widget.locator(`label[for=pc-rating-${stars}]`).click();
  await widget.locator("button[type=submit]").click();
}

describe("feedback on the cPanel-style dashboard", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("a suggestion is sent, listed, and still there after a reload", async () => {
    const { page, context, problems } = await openPage(browser, `${server.url}/demo/cpanel.html`);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator("form").waitFor();
    // The seeded earlier suggestion shows the provider's answer.
    await widget.locator(".pc-answer").first().waitFor();
    assert.match(await widget.locator(".pc-answer").first().innerText(), /spring release/);

    const message = `Please add one-click PHP version switching ${Date.now()}`;
    await sendFeedback(page, { category: "idea", message, stars: 4 });
    await widget.locator(".pc-notice.pc-ok").waitFor();
    const first = widget.locator(".pc-item").first();
    assert.equal(await first.locator(".pc-message").innerText(), message);
    assert.equal(await first.locator(".pc-badge").innerText(), "Received");

    await page.reload();
    await widget.locator(".pc-item .pc-message", { hasText: message }).waitFor();
    assert.equal(await widget.locator(".pc-item .pc-message", { hasText: message }).count(), 1);
    // RequireJS is on the page, as on cPanel Jupiter, and did its own work beside ours.
    assert.equal(await page.evaluate(() => typeof window.requirejs), "function");
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains("requirejs-ready")));

    await widget.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts(), "cpanel-dashboard.png") });
    await widget.screenshot({ path: join(artifacts(), "feedback-widget.png") });
    assert.deepEqual(problems, [], "no console errors and no CSP violations");
    await context.close();
  });

  test("empty fields are marked next to the field, in the customer's language", async () => {
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=boris&lang=ru`);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator("form").waitFor();
    assert.equal(await widget.locator("h2").innerText(), "Обратная связь");
    await widget.locator("button[type=submit]").click();
    assert.equal(await widget.locator("#pc-message-error").innerText(), "Напишите хотя бы несколько слов.");
    assert.equal(await widget.locator("#pc-message").getAttribute("aria-invalid"), "true");
    await widget.screenshot({ path: join(artifacts(), "feedback-widget-ru-errors.png") });
    await context.close();
  });

  test("the widget has no accessibility violations (axe-core, inside the shadow root)", async () => {
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html`);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator(".pc-item").first().waitFor();
    // Also check the error state, where the most ARIA wiring is.
    await widget.locator("button[type=submit]").click();
    await widget.locator("#pc-message-error").waitFor();
    const result = await axe(page, "[data-panelcare=feedback]", { region: { enabled: false } });
    assert.deepEqual(result.violations, []);
    assert.ok(result.passes > 10, "axe really looked inside the shadow root");
    await context.close();
  });

  test("a long history shows the newest five and the rest on request", async () => {
    for (let i = 1; i <= 6; i++) {
      await apiSend(server.url, "boris", { category: "idea", message: `Идея номер ${i}` });
    }
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=boris&lang=ru`);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator(".pc-item").first().waitFor();
    assert.equal(await widget.locator(".pc-item").count(), 5);
    assert.equal(await widget.locator(".pc-item .pc-message").first().innerText(), "Идея номер 6");
    const more = widget.locator("button.pc-secondary");
    assert.equal(await more.innerText(), "Показать все 6 сообщений");
    await more.click();
    await widget.locator(".pc-item").nth(5).waitFor();
    assert.equal(await widget.locator(".pc-item").count(), 6);
    assert.equal(await more.count(), 0);
    await context.close();
  });

  test("the WHMCS-style client area gets the same widget", async () => {
    const { page, context, problems } = await openPage(browser, `${server.url}/demo/whmcs.html?customer=milica&lang=sr`);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator("form").waitFor();
    // Milica is BlueFox's customer: BlueFox's Serbian wording replaces ours once its branding
    // has arrived.
    await widget.locator("h2", { hasText: "Predlozi za BlueFox" }).waitFor();
    await page.screenshot({ path: join(artifacts(), "whmcs-client-area.png") });
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("nothing is lost when the server is down", () => {
  test("a suggestion sent while the server is down is stored exactly once when it is back", async () => {
    const tmp = scratch();
    const port = await freePort();
    let server = await startServer({ db: tmp.db, port });
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator(".pc-item").first().waitFor();
    const before = (await apiList(server.url)).length;

    await server.stop();
    const message = `Sent during an outage ${Date.now()}`;
    await sendFeedback(page, { category: "problem", message });
    await widget.locator(".pc-pending", { hasText: message }).waitFor();
    assert.equal(await widget.locator(".pc-pending .pc-badge").innerText(), "Waiting to send");
    await widget.locator(".pc-notice.pc-warn").waitFor();

    // A reload while the server is still down keeps it (the page itself is cached by the
    // browser only if it can load; so reload once the server is back, before the retry).
    server = await startServer({ db: tmp.db, port });
    await page.reload();
    await widget.locator(".pc-notice.pc-ok").waitFor({ timeout: 60_000 });
    await widget.locator(".pc-item:not(.pc-pending) .pc-message", { hasText: message }).waitFor();
    assert.equal(await widget.locator(".pc-pending").count(), 0);

    const items = await apiList(server.url);
    assert.equal(items.length, before + 1);
    assert.equal(items.filter((i) => i.message === message).length, 1, "stored exactly once");
    await context.close();
    await server.stop();
    tmp.cleanup();
  });

  test("the retry runs by itself once the server is back, without a reload", async () => {
    const tmp = scratch();
    const port = await freePort();
    let server = await startServer({ db: tmp.db, port });
    const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = page.locator("[data-panelcare=feedback]");
    await widget.locator("form").waitFor();
    await widget.locator(".pc-item").first().waitFor();

    await server.stop();
    const message = `Retried by backoff ${Date.now()}`;
    await sendFeedback(page, { category: "other", message });
    await widget.locator(".pc-pending", { hasText: message }).waitFor();
    server = await startServer({ db: tmp.db, port });
    await widget.locator(".pc-item:not(.pc-pending) .pc-message", { hasText: message }).waitFor({ timeout: 90_000 });
    const items = await apiList(server.url);
    assert.equal(items.filter((i) => i.message === message).length, 1);
    await context.close();
    await server.stop();
    tmp.cleanup();
  });
});
