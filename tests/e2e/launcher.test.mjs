// End to end: the floating launcher. BlueFox's branding wants it (bottom left, its teal), so
// Milica sees it on every demo panel: a button with her unread answers that opens a drawer
// with Support, Feedback and Ideas (BlueFox has a board). Keyboard and screen reader:
// a named button that says whether it is expanded, focus into the drawer and back, Escape.
// Nothing moves on the page. In three languages; hideable through the API; in the frame.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, axe, consoleApi, consoleSession, freePort, launch, scratch, startServer, strictPanel } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PANELS = ["cpanel.html", "plesk.html", "directadmin.html", "whmcs.html"];

/** A page that records its layout shifts (window.__shift) from the start. */
async function open(base, path, viewport = { width: 1350, height: 940 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => {
    if (window.top !== window) return;
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto(`${base}${path}`);
  return { page, context, problems };
}

/** The element that really has focus, inside shadow roots too: [tag, role, aria-label]. */
const focused = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return [a.tagName.toLowerCase(), a.getAttribute("role"), a.getAttribute("aria-label")];
});

const launcher = (page) => page.locator("[data-panelcare-launcher]");

describe("the launcher", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  for (const panel of PANELS) {
    test(`${panel}: Milica's launcher, bottom left in BlueFox's colour, by keyboard, and nothing moves`, async () => {
      const { page, context, problems } = await open(server.url, `/demo/${panel}?customer=milica&lang=sr`);
      const button = launcher(page).locator(".pcl-button");
      await button.waitFor();
      const mount = page.locator("[data-panelcare=feedback]");
      const before = await mount.boundingBox();
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.equal(await button.getAttribute("aria-label"), "Pomoć i povratne informacije");
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.equal(await button.evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(15, 118, 110)");
      const box = await button.boundingBox();
      assert.ok(box.x < 40 && box.y + box.height > 940 - 40, `bottom left: ${JSON.stringify(box)}`);

      // Keyboard: the button, Enter, focus into the drawer (a dialog named by BlueFox's name).
      const shift = await page.evaluate(() => window.__shift);
      await button.focus();
      await page.keyboard.press("Enter");
      const drawer = launcher(page).getByRole("dialog", { name: "BlueFox Care" });
      await drawer.waitFor();
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      assert.deepEqual((await focused(page)).slice(0, 2), ["div", "dialog"]);
      const nav = drawer.getByRole("navigation");
      assert.deepEqual(await nav.getByRole("button").allInnerTexts(), ["Podrška", "Predlozi za BlueFox", "Ideje"]);
      assert.equal(await nav.getByRole("button", { name: "Podrška" }).getAttribute("aria-current"), "true");
      await drawer.locator("[data-panelcare=tickets]").locator(".pc-title").waitFor();
      // Tab goes on to the close button, then the sections.
      await page.keyboard.press("Tab");
      assert.deepEqual(await focused(page), ["button", null, "Zatvori"]);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      assert.equal(await nav.getByRole("button", { name: "Predlozi za BlueFox" }).getAttribute("aria-current"), "true");
      await drawer.locator("[data-panelcare=feedback] #pc-message").waitFor();
      // (axe's own checks set inline styles the page's policy reports: checked before it.)
      assert.deepEqual(problems, [], "no console errors and no CSP violations");
      const a11y = await axe(page, "[data-panelcare-launcher]");
      assert.deepEqual(a11y.violations, [], JSON.stringify(a11y.violations, null, 2));
      await page.screenshot({ path: join(artifacts(), `launcher-${panel.replace(".html", "")}.png`) });
      // Escape from inside the widget: closed, focus back on the button.
      await drawer.locator("[data-panelcare=feedback] #pc-message").focus();
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.equal((await focused(page))[0], "button");
      assert.match((await focused(page))[2], /^Pomoć i povratne informacije/);

      // The demo bar's own control opens the drawer through the API, on a ticket about the page.
      const contact = page.locator("[data-demo-open=tickets]");
      await contact.focus();
      await page.keyboard.press("Enter");
      const subject = drawer.locator("[data-panelcare=tickets] #pc-t-subject");
      await subject.waitFor();
      assert.equal(await subject.inputValue(), `A question about ${await page.title()}`);
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute("data-demo-open")), "tickets");

      // BlueFox's ideas board, in Serbian, from the drawer's third section (by keyboard).
      await button.focus();
      await page.keyboard.press("Enter");
      await drawer.locator("[data-panelcare=tickets] .pc-title").waitFor();
      for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
      assert.deepEqual((await focused(page)).slice(0, 1), ["button"]);
      await page.keyboard.press("Enter");
      assert.equal(await nav.getByRole("button", { name: "Ideje" }).getAttribute("aria-current"), "true");
      const ideas = drawer.locator("[data-panelcare=ideas]");
      await ideas.locator(".pc-ideas .pc-body:not([hidden])").waitFor();
      assert.equal(await ideas.locator("#pc-ideas-title").innerText(), "Ideje");
      assert.equal(await drawer.locator("[data-panelcare]").count(), 1, "only the section shown is drawn");
      // The drawer has finished fading in (axe would read its colours half-way).
      await page.waitForFunction(() => document.querySelector("[data-panelcare-launcher]").shadowRoot
        .getAnimations().every((a) => a.playState === "finished"));
      const ideasA11y = await axe(page, "[data-panelcare-launcher]");
      assert.deepEqual(ideasA11y.violations, [], JSON.stringify(ideasA11y.violations, null, 2));
      await page.screenshot({ path: join(artifacts(), `launcher-ideas-${panel.replace(".html", "")}.png`) });
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });

      // The page never moved: not when the launcher came, nor when the drawer opened and shut.
      assert.deepEqual(await mount.boundingBox(), before);
      assert.equal(await page.evaluate(() => document.documentElement.scrollHeight), height);
      assert.equal(await page.evaluate(() => window.__shift), shift);
      await context.close();
    });
  }

  test("on a narrow screen the drawer covers the page as a modal dialog: Tab and Shift+Tab stay in it", async () => {
    const { page, context, problems } = await open(server.url, "/demo/plesk.html?customer=milica&lang=en", { width: 412, height: 823 });
    const button = launcher(page).locator(".pcl-button");
    await button.waitFor();
    await button.click();
    const drawer = launcher(page).locator(".pcl-drawer");
    await drawer.locator("[data-panelcare=tickets] .pc-title").waitFor();
    assert.equal(await drawer.getAttribute("aria-modal"), "true");
    // Focus is in the drawer (brought back within a task when it left).
    const inside = (key) => page.waitForFunction(() => document.activeElement === document.querySelector("[data-panelcare-launcher]")
      && document.activeElement.shadowRoot.querySelector(".pcl-drawer").contains(document.activeElement.shadowRoot.activeElement),
    null, { timeout: 2000 }).catch(async () => assert.fail(`after ${key}: ${await focused(page)}`));
    // Round the ends: Tab to the first control (Close), Shift+Tab past it to the last one,
    // Tab past that back to Close.
    await page.keyboard.press("Tab");
    assert.deepEqual(await focused(page), ["button", null, "Close"]);
    await page.keyboard.press("Shift+Tab");
    await inside("Shift+Tab");
    const last = await focused(page);
    assert.notDeepEqual(last, ["button", null, "Close"]);
    assert.notEqual(last[1], "dialog", "a control, not the drawer itself");
    await page.keyboard.press("Tab");
    await inside("Tab");
    assert.deepEqual(await focused(page), ["button", null, "Close"]);
    for (const key of [...Array(25).fill("Tab"), ...Array(25).fill("Shift+Tab")]) {
      await page.keyboard.press(key);
      await inside(key);
    }
    // Escape still closes it; focus back on the button.
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    assert.equal((await focused(page))[0], "button");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("in English, Russian and Serbian; hideable through the API; ideas only where the tenant has a board", async () => {
    {
      const { page, context } = await open(server.url, "/demo/plesk.html?customer=milica&lang=en");
      const button = launcher(page).locator(".pcl-button");
      await button.waitFor();
      assert.equal(await button.getAttribute("aria-label"), "Help and feedback");
      await button.click();
      const nav = launcher(page).getByRole("navigation");
      assert.deepEqual(await nav.getByRole("button").allInnerTexts(), ["Support", "Suggestions for BlueFox", "Ideas"]);
      assert.equal(await launcher(page).getByRole("button", { name: "Close" }).count(), 1);
      // panelcare.launcher(false) hides the button; open() still opens the drawer.
      await page.evaluate(() => panelcare.launcher(false));
      await button.waitFor({ state: "hidden" });
      await page.evaluate(() => panelcare.close());
      // The Ideas section is BlueFox's board, the ideas view in the drawer.
      await page.evaluate(() => panelcare.open("ideas"));
      assert.equal(await nav.getByRole("button", { name: "Ideas", exact: true }).getAttribute("aria-current"), "true");
      const board = launcher(page).locator("[data-panelcare=ideas]:not([hidden])");
      await board.locator("#pc-ideas-title").waitFor();
      assert.equal(await board.locator("#pc-ideas-title").innerText(), "Ideas");
      await board.getByRole("tab", { name: "Top" }).waitFor();
      await context.close();
    }
    {
      // Acme does not want the launcher; the page asks for it: Russian for Boris. Acme's admin
      // has turned its ideas board off for now: no Ideas section, and "ideas" opens feedback.
      await consoleApi(server.url, "PUT", "/tenants/acme/ideas", { board: false, moderated: true, authors: "first_name" });
      const { page, context } = await open(server.url, "/demo/cpanel.html?customer=boris&lang=ru");
      assert.equal(await launcher(page).count(), 0, "no launcher unless asked");
      await page.evaluate(() => panelcare.launcher(true));
      const button = launcher(page).locator(".pcl-button");
      await button.waitFor();
      assert.equal(await button.getAttribute("aria-label"), "Помощь и отзывы");
      const box = await button.boundingBox();
      assert.ok(box.x > 1350 - 100, `bottom right by default: ${JSON.stringify(box)}`);
      await button.click();
      const nav = launcher(page).getByRole("navigation");
      assert.deepEqual(await nav.getByRole("button").allInnerTexts(), ["Поддержка", "Обратная связь"]);
      assert.equal(await launcher(page).getByRole("button", { name: "Закрыть" }).count(), 1);
      await page.evaluate(() => panelcare.open("ideas"));
      assert.equal(await nav.getByRole("button", { name: "Обратная связь" }).getAttribute("aria-current"), "true");
      await launcher(page).locator("[data-panelcare=feedback]:not([hidden]) #pc-message").waitFor();
      await context.close();
      await consoleApi(server.url, "PUT", "/tenants/acme/ideas", { board: true, moderated: true, authors: "first_name" });
    }
  });

  test("the unread count on the button: an answer support wrote, until it is read", async () => {
    const { token } = await (await fetch(`${server.url}/demo-api/token?account=milica`)).json();
    const opened = await (await fetch(`${server.url}/api/v1/tickets`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `e2e-launcher-${Date.now()}` },
      body: JSON.stringify({ department: "technical", priority: "normal", subject: "Gde su rezervne kopije?", message: "Ne vidim ih." }),
    })).json();
    const { cookie, csrf } = await consoleSession(server.url, "admin@bluefox.example");
    const answered = await fetch(`${server.url}/console/api/tickets/${opened.ticket.id}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", cookie, "X-CSRF-Token": csrf },
      body: JSON.stringify({ kind: "reply", message: "U delu Datoteke → Rezervne kopije." }),
    });
    assert.equal(answered.status, 201, await answered.text());

    // A page without the feedback list (which would mark her answered suggestions read).
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.route("**/panel/plain.html*", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="sr-Latn"><head><title>Panel</title></head><body><h1>Panel</h1>
        <script src="/panelcare.js" data-host="demo"></script></body></html>`,
    }));
    await page.goto(`${server.url}/panel/plain.html?customer=milica&lang=sr`);
    const button = launcher(page).locator(".pcl-button");
    await button.waitFor();
    const expected = await page.evaluate(() => panelcare.unread());
    assert.ok(expected >= 1, `at least the answer: ${expected}`);
    await page.waitForFunction((n) => {
      const b = document.querySelector("[data-panelcare-launcher]").shadowRoot.querySelector(".pcl-badge");
      return !b.hidden && b.textContent === String(n);
    }, expected);
    assert.equal(await button.getAttribute("aria-label"), `Pomoć i povratne informacije, Nepročitanih: ${expected}`);
    await button.click();
    const tickets = launcher(page).locator("[data-panelcare=tickets]");
    await tickets.getByRole("button", { name: /Gde su rezervne kopije/ }).click();
    await tickets.locator(".pc-msg-support", { hasText: "Rezervne kopije" }).waitFor();
    await page.waitForFunction((n) => {
      const b = document.querySelector("[data-panelcare-launcher]").shadowRoot.querySelector(".pcl-badge");
      return b.hidden ? n - 1 === 0 : b.textContent === String(n - 1);
    }, expected);
    await context.close();
  });

  test("the unread count holds idea updates until they are seen in the drawer's Ideas", async () => {
    const { token } = await (await fetch(`${server.url}/demo-api/token?account=milica`)).json();
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const title = `Automatski SSL za poddomene ${Date.now()}`;
    const sent = await fetch(`${server.url}/api/v1/feedback`, {
      method: "POST",
      headers: { ...auth, "Idempotency-Key": `e2e-launcher-idea-${Date.now()}` },
      body: JSON.stringify({ category: "idea", message: title, share: true }),
    });
    assert.equal(sent.status, 201, await sent.text());
    // BlueFox's admin plans it: Milica, its author and voter, has an update.
    const bluefox = "admin@bluefox.example";
    const idea = (await consoleApi(server.url, "GET", "/ideas", undefined, bluefox)).items.find((i) => i.title === title);
    await consoleApi(server.url, "POST", `/ideas/${idea.id}`, { status: "planned" }, bluefox);
    const news = (await (await fetch(`${server.url}/api/v1/ideas/news`, { headers: auth })).json()).items;
    assert.ok(news.some((u) => u.title === title), JSON.stringify(news));

    const { page, context } = await open(server.url, "/demo/plesk.html?customer=milica&lang=sr");
    const button = launcher(page).locator(".pcl-button");
    await button.waitFor();
    const count = await page.evaluate(() => panelcare.unread());
    assert.ok(count >= news.length, `the updates are counted: ${count} of ${news.length}`);
    const badge = (n) => page.waitForFunction((n) => {
      const b = document.querySelector("[data-panelcare-launcher]").shadowRoot.querySelector(".pcl-badge");
      return n ? !b.hidden && b.textContent === String(n) : b.hidden;
    }, n);
    await badge(count);
    await button.click();
    await launcher(page).getByRole("navigation").getByRole("button", { name: "Ideje", exact: true }).click();
    const board = launcher(page).locator("[data-panelcare=ideas]");
    const region = board.getByRole("region", { name: "Novosti o idejama za koje ste glasali" });
    await region.waitFor();
    assert.match(await region.innerText(), new RegExp(title));
    await region.getByRole("button", { name: "Razumem" }).click();
    // Seen: the count drops by the updates at once, and stays so on the server.
    await badge(count - news.length);
    assert.equal(await page.evaluate(() => panelcare.unread()), count - news.length);
    await context.close();
  });

  test("an admin turns the launcher on in the console's branding; Alice's dashboard gets it in the corner chosen", async () => {
    const { page, context } = await open(server.url, "/console/");
    await page.locator("#c-email").fill("admin@acme-hosting.example");
    await page.locator("#c-password").fill("demo-password");
    await page.locator("button[type=submit]").click();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Branding", exact: true }).click();
    const toggle = page.getByLabel("Floating launcher button");
    await toggle.waitFor();
    assert.equal(await toggle.isChecked(), false);
    await toggle.check();
    await page.getByLabel("Launcher's corner").selectOption("right");
    await page.getByRole("button", { name: "Save branding" }).click();
    await page.locator(".c-ok", { hasText: "Saved" }).waitFor();
    await context.close();

    const alice = await open(server.url, "/demo/cpanel.html?customer=alice");
    const button = launcher(alice.page).locator(".pcl-button");
    await button.waitFor();
    assert.match(await button.getAttribute("aria-label"), /^Help and feedback/);
    assert.equal(await button.evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(29, 78, 216)");
    const box = await button.boundingBox();
    assert.ok(box.x > 1350 - 100, `bottom right: ${JSON.stringify(box)}`);
    await alice.context.close();
  });

  test("on a page that forbids WebAssembly: the launcher's drawer holds our frame; Escape in it closes the drawer", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await strictPanel(page, ` <script src="/panelcare.js" data-host="demo" data-tenant="acme" data-launcher="on"></script>`);
    await page.goto(`${server.url}/panel/strict.html?customer=alice&lang=en`);
    const button = launcher(page).locator(".pcl-button");
    await button.waitFor();
    await button.focus();
    await page.keyboard.press("Enter");
    const drawer = launcher(page).getByRole("dialog");
    const frame = drawer.locator("iframe").contentFrame();
    await frame.locator(".pc-title").waitFor();
    await frame.locator("button").first().focus();
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    assert.equal((await focused(page))[0], "button");
    assert.deepEqual(errors, []);
    await context.close();
  });
});
