// End to end: a customer near the disk limit sees the Pro offer with their own figures, says
// "not now", and does not see it again until the snooze ends (the server's clock is moved
// forward); another says "don't show again"; a customer upgrades through the demo billing
// page and the console's funnel shows the conversion; an urgent ticket shows premium support.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, axe, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cpanel = (base, query) => `${base}/demo/cpanel.html?${query}`;

/** The offer card sits last in the dashboard's right column, so that it moves nothing when it
 *  appears; like a customer, scroll down to it (it loads once near the viewport). */
async function toOffer(page) {
  await page.locator("[data-panelcare=offers]").scrollIntoViewIfNeeded();
}

/** The demo dashboard for `query`, scrolled to the offer. */
async function dashboard(base, query) {
  const opened = await openPage(browser, cpanel(base, query));
  await toOffer(opened.page);
  return opened;
}

/** Moves the demo server's clock forward by `days`. */
async function advance(base, days) {
  const res = await fetch(`${base}/demo-api/clock`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ days }),
  });
  assert.equal(res.status, 200, await res.text());
}

describe("upgrade offers", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort(), testClock: true });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("near the disk limit: Pro with the right numbers; not now holds until the snooze ends", async () => {
    const { page, context, problems } = await dashboard(server.url, "customer=alice&lang=en");
    const card = page.locator("[data-panelcare=offers] .pc-offer");
    await card.waitFor();
    // The dashboard's own statistics come from the same adapter as the offer.
    await assert.doesNotReject(page.locator('#demo-stats [data-metric=disk] .stat-value', { hasText: "4.6 GB / 5 GB (92%)" }).waitFor());
    const headline = await card.locator("h3").textContent();
    assert.ok(["You use 4.6\u00a0GB of your 5\u00a0GB disk space", "Your disk is 92% full"].includes(headline), headline);
    assert.match(await card.textContent(), /Disk space: 4\.6\u00a0GB \/ 5\u00a0GB \(92%\)/);
    const disk = card.locator("tbody tr", { hasText: "Disk space" });
    assert.deepEqual(await disk.locator("td").allTextContents(), ["5\u00a0GB", "50\u00a0GB"]);
    assert.match(await card.locator(".pc-offer-price").textContent(), /€9\.00\/month.*\+€5\.00\/month/);
    assert.equal(await card.getByRole("button", { name: "Upgrade to Pro" }).count(), 1);
    await card.screenshot({ path: join(artifacts(), "offer-card.png") });

    await card.getByRole("button", { name: "Not now" }).click();
    const answered = page.locator("[data-panelcare=offers] .pc-offer-answered");
    await answered.waitFor();
    assert.match(await answered.textContent(), /Hidden for 7 days/);
    // Focus lands on what happened, not on the page's top.
    assert.equal(await answered.evaluate((el) => el.getRootNode().activeElement === el), true);

    await page.reload();
    await toOffer(page);
    await page.locator("#demo-stats [data-metric=disk]:not([hidden])").waitFor();
    // Pro stays away; the next rule (off-site backups for her 3 databases) may be offered.
    const next = page.locator("[data-panelcare=offers] .pc-offer");
    await next.waitFor();
    assert.match(await next.locator("h3").textContent(), /Keep your 3 databases safe/);
    assert.equal(await page.getByRole("button", { name: "Upgrade to Pro" }).count(), 0);

    await advance(server.url, 6);
    await page.reload();
    await toOffer(page);
    await next.waitFor();
    assert.equal(await page.getByRole("button", { name: "Upgrade to Pro" }).count(), 0, "six days: still snoozed");
    await advance(server.url, 2);
    await page.reload();
    await toOffer(page);
    await page.getByRole("button", { name: "Upgrade to Pro" }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("don't show again is for good, and the card says so in Russian", async () => {
    const { page, context, problems } = await dashboard(server.url, "customer=boris&lang=ru");
    const card = page.locator("[data-panelcare=offers] .pc-offer");
    await card.waitFor();
    assert.match(await card.locator("h3").textContent(), /Занято 4,8\u00a0GB из 5\u00a0GB на диске/);
    await card.getByRole("button", { name: "Больше не показывать" }).click();
    await page.locator(".pc-offer-answered", { hasText: "больше не покажем" }).waitFor();
    await advance(server.url, 60);
    const asked = page.waitForResponse((r) => r.url().endsWith("/api/v1/offers"));
    await page.reload();
    await toOffer(page);
    assert.equal((await (await asked).json()).offer, null);
    await page.locator("#demo-stats [data-metric=disk]:not([hidden])").waitFor();
    // Boris has only two databases: nothing else is offered, and nothing is drawn.
    assert.equal(await page.locator("[data-panelcare=offers] .pc-offer").count(), 0);
    const box = await page.locator("[data-panelcare=offers]").boundingBox();
    assert.ok(!box || box.height === 0, `an empty offer slot takes no room: ${JSON.stringify(box)}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the offer card passes axe, and switching the usage changes the offer", async () => {
    const { page, context } = await dashboard(server.url, "customer=milica&lang=sr&usage=near");
    const card = page.locator("[data-panelcare=offers] .pc-offer");
    await card.waitFor();
    // BlueFox's own rule, with its renamed and repriced VPS, in Serbian.
    assert.match(await card.textContent(), /BlueFox VPS/);
    assert.match(await card.textContent(), /Razlika: \+23,00\u00a0€\/mesečno/);
    const result = await axe(page, "[data-panelcare=offers]", { region: { enabled: false } });
    assert.deepEqual(result.violations, []);
    assert.ok(result.passes > 5, "axe looked inside the shadow root");
    // With light use nothing of BlueFox's fits: no card at all.
    const asked = page.waitForResponse((r) => r.url().endsWith("/api/v1/offers"));
    await page.goto(cpanel(server.url, "customer=milica&lang=sr&usage=light"));
    await toOffer(page);
    assert.equal((await (await asked).json()).offer, null);
    await page.locator("#demo-stats [data-metric=bandwidth]:not([hidden])").waitFor();
    assert.equal(await card.count(), 0);
    await context.close();
  });

  test("an upgrade through the billing page shows up in the console's funnel", async () => {
    // A fresh customer view: Alice's Pro offer is back after the snooze (earlier test).
    const { page, context, problems } = await dashboard(server.url, "customer=alice&lang=en");
    const go = page.getByRole("button", { name: "Upgrade to Pro" });
    await go.waitFor();
    await go.click();
    await page.waitForURL(/\/demo\/billing\.html\?account=alice&target=pro/);
    await page.getByRole("button", { name: "Confirm order" }).click();
    await page.locator("#billing-result", { hasText: "credited it to the offer “starter-disk-pro”" }).waitFor();
    // Back in the panel: she is on Pro now, with Pro's limits, and Pro is not offered.
    await page.goto(cpanel(server.url, "customer=alice&lang=en"));
    await page.locator("#demo-stats [data-metric=disk] .stat-value", { hasText: "4.6 GB / 50 GB" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Upgrade to Pro" }).count(), 0);
    assert.deepEqual(problems, []);

    const admin = await openPage(browser, `${server.url}/console/`);
    await admin.page.locator("#c-email").fill("admin@acme-hosting.example");
    await admin.page.locator("#c-password").fill("demo-password");
    await admin.page.locator("button[type=submit]").click();
    await admin.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Offers", exact: true }).click();
    await admin.page.getByRole("navigation", { name: "Offers" }).getByRole("button", { name: "Numbers" }).click();
    const row = admin.page.locator(".c-offer-numbers tbody tr", { hasText: "Starter close to its disk space" });
    await row.first().waitFor();
    const converted = await row.locator("td.c-num").nth(2).allTextContents();
    assert.deepEqual(converted, ["1"], "one customer converted");
    await admin.page.screenshot({ path: join(artifacts(), "console-offer-numbers.png"), fullPage: true });
    // Only the 401 of the console's first `/me`, before sign-in, may be logged.
    assert.deepEqual(admin.problems.filter((p) => !p.includes("status of 401")), []);
    await admin.context.close();
    await context.close();
  });

  test("a standard customer opening a critical ticket sees premium support's promise", async () => {
    const { page, context } = await dashboard(server.url, "customer=boris&lang=en");
    const widget = page.locator("[data-panelcare=tickets]");
    await widget.getByRole("button", { name: "New ticket" }).click();
    assert.equal(await widget.locator(".pc-upsell").count(), 0, "not for a normal ticket");
    await widget.locator("#pc-t-priority").selectOption("critical");
    const upsell = widget.locator(".pc-upsell");
    await upsell.waitFor();
    assert.match(await upsell.textContent(), /Premium support · €19\.00\/month/);
    assert.match(await upsell.textContent(), /15 minutes \(now 1 hour\)/);
    await widget.locator(".pc-new-ticket").screenshot({ path: join(artifacts(), "ticket-premium-upsell.png") });
    await context.close();
  });
});
