// End to end: a provider admin exports one customer's data from the console (the download is
// the customer's JSON, a refusal is said, never saved), sets retention per tenant, and erases
// a customer.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { apiSend, artifacts, axe, browserAndDemo, openPage } from "./support.mjs";

describe("customer data in the console", () => {
  const it = browserAndDemo();

  test("export, a refused export, retention per tenant, erase", async () => {
    await apiSend(it.server.url, "alice", { category: "idea", message: "Export me, please", rating: 5 });
    const { page, context, problems } = await openPage(it.browser, `${it.server.url}/console/`);
    const downloads = [];
    page.on("download", (d) => downloads.push(d));
    await page.locator("#c-email").fill("admin@acme-hosting.example");
    await page.locator("#c-password").fill("demo-password");
    await page.locator("button[type=submit]").click();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Customer data", exact: true }).click();
    await page.locator("#c-dr-tenant").selectOption("acme");

    // The export downloads alice's JSON, named after her.
    await page.locator("#c-dr-account").fill("alice");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export (JSON)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "customer-acme-alice.json");
    const doc = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(doc.tenant, "acme");
    assert.equal(doc.account, "alice");
    assert.ok(doc.feedback.some((f) => f.message === "Export me, please"), JSON.stringify(doc.feedback));
    await page.getByRole("status").filter({ hasText: "Exported as customer-acme-alice.json." }).waitFor();

    // A refused export is said on the page; nothing is saved.
    await page.locator("#c-dr-account").fill("a".repeat(201));
    await page.getByRole("button", { name: "Export (JSON)" }).click();
    await page.getByRole("status").filter({ hasText: "An account id has 1 to 200 characters." }).waitFor();
    assert.equal(downloads.length, 1, "the refusal was not downloaded");

    // Retention is per tenant: acme's figure does not follow the admin to BlueFox.
    await page.locator("#c-ret-closed_tickets_months").fill("6");
    await page.getByRole("button", { name: "Save retention" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // The form is empty while it loads (and says so with aria-busy), so wait for BlueFox's
    // settings to be asked for and shown first.
    const bluefox = page.waitForResponse((r) => /\/tenants\/bluefox\/retention$/.test(r.url()) && r.request().method() === "GET");
    await page.locator("#c-dr-tenant").selectOption("bluefox");
    await bluefox;
    await page.locator("form:has(#c-ret-closed_tickets_months):not([aria-busy])").waitFor();
    assert.equal(await page.locator("#c-ret-closed_tickets_months").inputValue(), "");
    await page.locator("#c-dr-tenant").selectOption("acme");
    await page.waitForFunction(() => document.querySelector("#c-ret-closed_tickets_months")?.value === "6");

    // Erase alice after typing her id again.
    await page.locator("#c-dr-account").fill("alice");
    const erase = page.getByRole("button", { name: "Erase this customer" });
    assert.ok(await erase.isDisabled(), "erase waits for the confirmation");
    await page.locator("#c-dr-confirm").fill("alice");
    await erase.click();
    await page.getByRole("status").filter({ hasText: /^Erased: \d+ feedback/ }).waitFor();
    await page.screenshot({ path: join(artifacts(), "console-customer-data.png"), fullPage: true });

    const found = await axe(page, "main");
    assert.deepEqual(found.violations, [], JSON.stringify(found.violations, null, 2));
    // The browser logs the answers it was meant to get: the 401 before signing in and the
    // refused export's 422. Anything else is a fault.
    const unexpected = problems.filter((p) => !p.includes("status of 401") && !p.includes("status of 422"));
    assert.deepEqual(unexpected, []);
    await context.close();
  });
});
