// End to end: the ideas board on the demo panels, the real server binary, Chromium. A
// customer shares an idea, another finds it while typing and votes for it instead, an agent
// plans it and its voters learn of it; other tenants never see it; the board speaks each
// customer's language, is keyboard and screen-reader usable, and works in the iframe fallback.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, axe, consoleApi, freePort, launch, openPage, scratch, startServer, strictPanel } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The ideas widget on `page`, drawn (its content shown once the board is in). */
async function board(page) {
  const ideas = page.locator("[data-panelcare=ideas]");
  await ideas.scrollIntoViewIfNeeded();
  await ideas.locator(".pc-ideas .pc-body:not([hidden])").waitFor();
  return ideas;
}

describe("the ideas board", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
    // Acme publishes ideas at once for this test (the demo moderates them first).
    await consoleApi(server.url, "PUT", "/tenants/acme/ideas", { board: true, moderated: false, authors: "first_name" });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("shared, found while typing, voted for instead, planned, and its voters told", async () => {
    const title = `Staging copies of WordPress sites ${Date.now()}`;
    const alice = await openPage(browser, `${server.url}/demo/plesk.html?customer=alice`);
    let ideas = await board(alice.page);
    await ideas.locator("#pc-idea-message").fill(title);
    await ideas.getByRole("button", { name: "Share my idea" }).click();
    await ideas.locator(".pc-notice.pc-ok", { hasText: "on the board" }).waitFor();
    await ideas.getByRole("tab", { name: "New" }).click();
    const mine = ideas.locator(".pc-idea", { hasText: title });
    await mine.waitFor();
    assert.equal(await mine.locator(".pc-count").innerText(), "1 vote");
    assert.equal(await mine.getByRole("button", { name: `Take back my vote: ${title}` }).getAttribute("aria-pressed"), "true");
    assert.match(await mine.innerText(), /by Alice B\./);

    // Boris (Russian) starts writing the same and is offered Alice's idea.
    const boris = await openPage(browser, `${server.url}/demo/plesk.html?customer=boris&lang=ru`);
    const his = await board(boris.page);
    assert.equal(await his.locator("#pc-ideas-title").innerText(), "Идеи");
    await his.locator("#pc-idea-message").pressSequentially("staging wordpress");
    const instead = his.getByRole("button", { name: `Проголосовать за эту: ${title}` });
    await instead.click();
    await his.locator(".pc-notice.pc-ok", { hasText: "голос учтён" }).waitFor();
    await his.locator(".pc-idea", { hasText: title }).locator(".pc-count", { hasText: "2 голоса" }).waitFor();
    const [queued] = (await consoleApi(server.url, "GET", "/ideas?tenant=acme")).items.filter((i) => i.title === title);
    assert.equal(queued.votes, 2);
    assert.equal(queued.deflections, 1);

    // An agent plans it with an answer: Alice learns it on her next visit, once.
    await consoleApi(server.url, "POST", `/ideas/${queued.id}`, { status: "planned", answer: "Coming in March." });
    await alice.page.reload();
    ideas = await board(alice.page);
    const news = ideas.getByRole("region", { name: "Updates on ideas you voted for" });
    await news.waitFor();
    assert.match(await news.innerText(), new RegExp(`${title}.*is now Planned`));
    await news.getByRole("button", { name: "Got it" }).click();
    await news.waitFor({ state: "detached" });
    await ideas.getByRole("tab", { name: "Planned" }).click();
    await ideas.locator(".pc-idea", { hasText: title }).locator(".pc-answer", { hasText: "Coming in March." }).waitFor();
    await alice.page.reload();
    ideas = await board(alice.page);
    assert.equal(await ideas.getByRole("region", { name: "Updates on ideas you voted for" }).count(), 0);

    // Taking the vote back, by keyboard: focus stays on the idea's button.
    await ideas.getByRole("tab", { name: "Planned" }).click();
    const vote = ideas.getByRole("button", { name: `Take back my vote: ${title}` });
    await vote.focus();
    await alice.page.keyboard.press("Enter");
    const again = ideas.getByRole("button", { name: `Vote: ${title}`, exact: true });
    await again.waitFor();
    assert.equal(await again.getAttribute("aria-pressed"), "false");
    assert.ok(await again.evaluate((el) => el.getRootNode().activeElement === el), "focus stays on the vote button");

    // Before axe, whose own injected styles a strict policy reports.
    assert.deepEqual(alice.problems, [], "no console errors and no CSP violations");
    assert.deepEqual(boris.problems, []);
    await ideas.screenshot({ path: join(artifacts(), "ideas-board.png") });
    const a11y = await axe(alice.page, "[data-panelcare=ideas]");
    assert.deepEqual(a11y.violations, [], JSON.stringify(a11y.violations, null, 1));
    await alice.context.close();
    await boris.context.close();
  });

  test("a customer voting faster than the tenant allows is told to wait, and nothing changes", async () => {
    const limits = await consoleApi(server.url, "GET", "/tenants/acme/limits");
    const slow = structuredClone(limits);
    slow.actions.find((a) => a.action === "idea_vote").account = { burst: 1, per_hour: 1 };
    await consoleApi(server.url, "PUT", "/tenants/acme/limits", slow);
    try {
      const title = `One vote a while ${Date.now()}`;
      const alice = await openPage(browser, `${server.url}/demo/whmcs.html?customer=alice`);
      const ideas = await board(alice.page);
      await ideas.locator("#pc-idea-message").fill(title);
      await ideas.getByRole("button", { name: "Share my idea" }).click();
      await ideas.locator(".pc-notice.pc-ok", { hasText: "on the board" }).waitFor();
      await ideas.getByRole("tab", { name: "New" }).click();
      // Her own idea carries her vote: taking it back is the one write allowed, then no more.
      await ideas.getByRole("button", { name: `Take back my vote: ${title}` }).click();
      const vote = ideas.getByRole("button", { name: `Vote: ${title}`, exact: true });
      await vote.click();
      await ideas.locator(".pc-notice.pc-error", { hasText: "That was a lot at once" }).waitFor();
      assert.equal(await vote.getAttribute("aria-pressed"), "false");
      assert.equal(await ideas.locator(".pc-idea", { hasText: title }).locator(".pc-count").innerText(), "0 votes");
      await alice.context.close();
    } finally {
      await consoleApi(server.url, "PUT", "/tenants/acme/limits", limits);
    }
  });

  test("a reseller's customers see their own board only, in Serbian", async () => {
    const title = `Acme-only idea ${Date.now()}`;
    const alice = await openPage(browser, `${server.url}/demo/plesk.html?customer=alice`);
    const ideas = await board(alice.page);
    await ideas.locator("#pc-idea-message").fill(title);
    await ideas.getByRole("button", { name: "Share my idea" }).click();
    await ideas.locator(".pc-notice.pc-ok").waitFor();
    await consoleApi(server.url, "PUT", "/tenants/bluefox/ideas", { board: true, moderated: true, authors: "hidden" });
    const milica = await openPage(browser, `${server.url}/demo/directadmin.html?customer=milica`);
    const hers = await board(milica.page);
    assert.equal(await hers.locator("#pc-ideas-title").innerText(), "Ideje");
    await hers.getByRole("tab", { name: "Nove" }).click();
    await hers.locator("[role=tabpanel]:not([aria-busy])").waitFor();
    assert.equal(await hers.locator(".pc-idea", { hasText: title }).count(), 0);
    // Typing Alice's words finds nothing of Acme's.
    const seen = milica.page.waitForResponse((r) => r.url().includes("/api/v1/ideas/similar"));
    await hers.locator("#pc-idea-message").pressSequentially("Acme-only");
    const answer = await (await seen).json();
    assert.deepEqual(answer.items.filter((i) => i.title === title), []);
    // Moderated: her idea waits for BlueFox's agents.
    await hers.locator("#pc-idea-message").fill(`BlueFox idea ${Date.now()}`);
    await hers.getByRole("button", { name: "Podeli ideju" }).click();
    await hers.locator(".pc-notice.pc-ok", { hasText: "kada je naš tim pregleda" }).waitFor();
    assert.deepEqual(milica.problems, []);
    await alice.context.close();
    await milica.context.close();
  });

  test("in the iframe fallback on a page that forbids WebAssembly", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await strictPanel(page, ` <div data-panelcare="ideas"></div> <script src="/panelcare.js" data-host="demo" data-tenant="acme"></script>`);
    await page.goto(`${server.url}/panel/strict.html?customer=alice&lang=en`);
    const frame = page.frameLocator("[data-panelcare=ideas] iframe");
    await frame.locator(".pc-ideas .pc-body:not([hidden])").waitFor();
    await frame.getByRole("tab", { name: "Top" }).waitFor();
    assert.equal(await frame.locator("#pc-ideas-title").innerText(), "Ideas");
    await context.close();
  });
});
