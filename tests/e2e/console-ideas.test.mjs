// End to end: the ideas board in the console, on the demo's seeded boards. An agent publishes
// the idea waiting in the queue and plans it with a public answer (a customer then reads both
// on the board), merges a duplicate into the idea it repeats (its votes move, counted once),
// and an admin saves a reseller's board settings, which a reload reads back.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { artifacts, axe, browserAndDemo, openPage, consoleSignIn } from "./support.mjs";

/** The board a demo customer reads in the widget, straight from the API. */
async function board(base, account, view) {
  const { token } = await (await fetch(`${base}/demo-api/token?account=${account}`)).json();
  const res = await fetch(`${base}/api/v1/ideas?view=${view}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await res.text();
  assert.equal(res.status, 200, body);
  return JSON.parse(body).items;
}

describe("the ideas board in the console", () => {
  const it = browserAndDemo();

  test("an agent publishes a waiting idea, plans it with an answer, and merges a duplicate", async () => {
    const base = it.server.url;
    const { page, context, problems } = await openPage(it.browser, `${base}/console/`);
    await consoleSignIn(page, "agent@acme-hosting.example");
    const nav = page.getByRole("navigation", { name: "Console" });
    await nav.getByRole("link", { name: "Ideas", exact: true }).click();
    await page.waitForURL(`${base}/console/ideas`);
    assert.equal(await page.title(), "Ideas · panelcare console");
    // The demo's waiting idea: counted at the top, listed first.
    await page.locator("#c-ideas-pending", { hasText: "1 idea waits to be published." }).waitFor();
    const first = page.locator(".c-list > li").first();
    assert.match(await first.getAttribute("class"), /c-waiting/);
    assert.match(await first.innerText(), /Choose the PHP version per folder/);
    assert.match(await first.innerText(), /voters pay €9\.00 a month/);
    const queueA11y = await axe(page, ".c-main");
    assert.deepEqual(queueA11y.violations, [], JSON.stringify(queueA11y.violations, null, 2));
    await page.screenshot({ path: join(artifacts(), "console-ideas-queue.png"), fullPage: true });

    await first.getByRole("link").click();
    await page.waitForURL(/\/console\/ideas\/[0-9a-f-]{36}$/);
    const waitingAt = page.url();
    assert.equal(await page.title(), "Idea · panelcare console");
    await page.getByRole("heading", { name: "Choose the PHP version per folder" }).waitFor();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.locator(".c-ok", { hasText: "Published" }).waitFor();
    // The button used is gone: focus is on the idea's title, not lost to the page.
    assert.equal(await page.evaluate(() => document.activeElement?.id), "c-idea-heading");
    await page.getByLabel("Status", { exact: true }).selectOption("planned");
    await page.getByLabel("Public answer", { exact: true }).fill("Planned for the spring release.");
    await page.getByRole("button", { name: "Save status and answer" }).click();
    await page.locator(".c-ok", { hasText: "Status and answer saved" }).waitFor();
    const ideaA11y = await axe(page, ".c-main");
    assert.deepEqual(ideaA11y.violations, [], JSON.stringify(ideaA11y.violations, null, 2));
    await page.screenshot({ path: join(artifacts(), "console-idea.png"), fullPage: true });
    // A customer reads it on the board, planned, with the answer.
    const planned = await board(base, "boris", "planned");
    const php = planned.find((i) => i.title === "Choose the PHP version per folder");
    assert.ok(php, JSON.stringify(planned));
    assert.equal(php.answer, "Planned for the spring release.");

    // The duplicate: merged into the staging idea after a confirmation.
    const before = (await board(base, "boris", "top")).find((i) => i.title.startsWith("One-click staging copy"));
    await page.getByRole("link", { name: "← Ideas" }).click();
    await page.locator(".c-list > li", { hasText: "A test copy of my site for plugin updates" }).getByRole("link").click();
    await page.getByRole("heading", { name: "A test copy of my site for plugin updates" }).waitFor();
    const into = page.getByLabel("Duplicate of");
    const target = await into.locator("option", { hasText: "One-click staging copy" }).getAttribute("value");
    await into.selectOption(target);
    await page.getByRole("button", { name: "Merge…" }).click();
    const confirm = page.getByRole("group", { name: "Confirm the merge" });
    assert.match(await confirm.innerText(), /A merge cannot be undone/);
    await confirm.getByRole("button", { name: "Yes, merge" }).click();
    // Mia's vote moves; Tom and Luka voted for both and count once.
    await page.locator(".c-ok", { hasText: "1 vote moved to it" }).waitFor();
    await page.getByText("This idea was merged").waitFor();
    const after = (await board(base, "boris", "top")).find((i) => i.id === target);
    assert.equal(after.votes, before.votes + 1);
    assert.ok(!(await board(base, "boris", "top")).some((i) => i.title === "A test copy of my site for plugin updates"));

    // Back to the idea published first: a reload keeps the address and shows it as saved.
    await page.goto(waitingAt);
    await page.getByRole("heading", { name: "Choose the PHP version per folder" }).waitFor();
    assert.equal(await page.getByLabel("Status", { exact: true }).inputValue(), "planned");
    const unexpected = problems.filter((p) => !p.includes("status of 401"));
    assert.deepEqual(unexpected, [], "no console errors and no CSP violations");
    await context.close();
  });

  test("an admin saves a reseller's board settings, and an agent has none to change", async () => {
    const base = it.server.url;
    const { page, context } = await openPage(it.browser, `${base}/console/ideas/settings`);
    await consoleSignIn(page, "admin@acme-hosting.example");
    await page.getByRole("heading", { name: "Ideas board settings" }).waitFor();
    await page.getByLabel("Tenant").selectOption({ label: "BlueFox Web" });
    const moderated = page.getByLabel("New ideas wait for an agent to publish them");
    await moderated.waitFor();
    // BlueFox's demo board publishes at once.
    assert.equal(await moderated.isChecked(), false);
    await page.getByText("Turning the board on publishes nothing written before").waitFor();
    await moderated.check();
    await page.getByRole("button", { name: "Save board settings" }).click();
    await page.locator(".c-ok", { hasText: "Saved. The board is on" }).waitFor();
    await page.screenshot({ path: join(artifacts(), "console-idea-settings.png"), fullPage: true });
    await page.reload();
    await page.getByLabel("Tenant").selectOption({ label: "BlueFox Web" });
    await page.getByLabel("New ideas wait for an agent to publish them").waitFor();
    assert.equal(await page.getByLabel("New ideas wait for an agent to publish them").isChecked(), true);
    await context.close();

    const agent = await openPage(it.browser, `${base}/console/ideas/settings`);
    await consoleSignIn(agent.page, "agent@acme-hosting.example");
    await agent.page.getByRole("heading", { name: "Nothing here" }).waitFor();
    await agent.page.goto(`${base}/console/ideas`);
    await agent.page.getByRole("navigation", { name: "Ideas" }).waitFor();
    assert.equal(await agent.page.getByRole("navigation", { name: "Ideas" }).getByRole("link", { name: "Board settings" }).count(), 0);
    await agent.context.close();
  });
});
