// End to end: the provider sets a reseller's rate limits in the console; the reseller reads them.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, axe, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, email) {
  await page.locator("#c-email").fill(email);
  await page.locator("#c-password").fill("demo-password");
  await page.locator("button[type=submit]").click();
}

/** Opens the Limits page on `tenant` (by its name) and waits for its table. */
async function openLimits(page, tenant) {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Limits", exact: true }).click();
  await page.locator("#c-l-tenant option", { hasText: tenant }).waitFor({ state: "attached" });
  await page.locator("#c-l-tenant").selectOption({ label: tenant });
  await page.locator(".c-rate-limits").waitFor();
}

describe("rate limits in the console", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("the provider changes a reseller's limit; the reseller sees it read-only", async () => {
    const { page, context, problems } = await openPage(browser, `${server.url}/console/`);
    await signIn(page, "admin@acme-hosting.example");
    await openLimits(page, "BlueFox Web");
    const burst = page.getByRole("spinbutton", { name: "Tickets opened: per account, burst" });
    // An error first: the model's own check marks the field before anything is sent.
    await burst.fill("0");
    await page.getByRole("button", { name: "Save limits" }).click();
    await page.locator("#c-l-actions-ticket-account-burst-error").waitFor();
    const result = await axe(page, ".c-main");
    assert.deepEqual(result.violations, []);
    await burst.fill("12");
    await page.getByRole("button", { name: "Save limits" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.screenshot({ path: join(artifacts(), "console-limits.png"), fullPage: true });

    await page.reload();
    await openLimits(page, "BlueFox Web");
    await page.waitForFunction(() => document.querySelector("#c-l-actions-ticket-account-burst")?.value === "12");
    const unexpected = problems.filter((p) => !p.includes("status of 401"));
    assert.deepEqual(unexpected, [], "no console errors and no CSP violations");
    await context.close();

    const fox = await openPage(browser, `${server.url}/console/`);
    await signIn(fox.page, "admin@bluefox.example");
    await openLimits(fox.page, "BlueFox Web");
    const read = fox.page.getByRole("spinbutton", { name: "Tickets opened: per account, burst" });
    await fox.page.waitForFunction(() => document.querySelector("#c-l-actions-ticket-account-burst")?.value === "12");
    assert.equal(await read.evaluate((el) => el.readOnly), true);
    assert.equal(await fox.page.getByRole("button", { name: "Save limits" }).count(), 0);
    await fox.page.getByText("Your provider sets these limits").waitFor();
    await fox.context.close();
  });
});
