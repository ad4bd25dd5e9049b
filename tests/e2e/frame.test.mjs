// End to end: a panel page whose Content-Security-Policy forbids WebAssembly gets the widget
// in panelcare's own frame, which asks the page's host adapter for identity and usage
// through checked messages; hostile messages on either side change nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { apiList, freePort, launch, scratch, startServer, strictPanel } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page on the server's origin with a policy that allows scripts from it but no wasm. */
async function strictPage(server) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await strictPanel(page, ` <div data-panelcare="feedback"></div> <script src="/panelcare.js" data-host="demo" data-tenant="acme"></script>`);
  await page.goto(`${server.url}/panel/strict.html?customer=alice&lang=en`);
  return { page, context, errors };
}

async function send(frame, message) {
  await frame.locator("label[for=pc-category-idea]").click();
  await frame.locator("#pc-message").fill(message);
  await frame.locator("button[type=submit]").click();
  await frame.locator(".pc-item:not(.pc-pending)", { hasText: message }).waitFor();
}

describe("the iframe fallback", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("a page that forbids WebAssembly gets the widget in a frame and sends a suggestion", async () => {
    const { page, context, errors } = await strictPage(server);
    const iframe = page.locator("[data-panelcare=feedback] iframe");
    await iframe.waitFor({ state: "attached" });
    assert.match(await iframe.getAttribute("src"), /\/frame\/acme\?kind=feedback#origin=http%3A%2F%2F127\.0\.0\.1/);
    const frame = iframe.contentFrame();
    await frame.locator("#pc-message").waitFor();
    // The frame grows to the widget's height.
    await page.waitForFunction(() => {
      const f = document.querySelector("[data-panelcare=feedback]").shadowRoot.querySelector("iframe");
      return f.getBoundingClientRect().height > 200;
    });
    const message = `Sent from inside the frame ${Date.now()}`;
    await send(frame, message);
    assert.ok((await apiList(server.url, "alice")).some((f) => f.message === message), "stored for the page's customer");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("hostile messages are ignored on both sides, and the widget keeps working", async () => {
    const { page, context } = await strictPage(server);
    const iframe = page.locator("[data-panelcare=feedback] iframe");
    const frame = iframe.contentFrame();
    await frame.locator("#pc-message").waitFor();
    const before = page.url();
    // To the page: the page itself (not one of our frames) asks to navigate, or sends junk.
    await page.evaluate(() => {
      for (const m of [
        { panelcare: 1, id: 1, call: "navigate", arg: "https://evil.example/" },
        "navigate", null, [1, 2], { panelcare: 1, id: "x", call: "identity" },
      ]) window.postMessage(m, "*");
    });
    // From inside the frame, in the right shape: a javascript: address is refused.
    const reply = await frame.locator("body").evaluate(() => new Promise((resolve) => {
      window.addEventListener("message", (e) => { if (e.data && e.data.id === 999) resolve(e.data); });
      window.parent.postMessage({ panelcare: 1, id: 999, call: "navigate", arg: "javascript:alert(1)" }, "*");
      setTimeout(() => resolve(null), 3000);
    }));
    assert.equal(reply?.ok, false, JSON.stringify(reply));
    assert.match(reply.error, /not a web address/);
    await frame.locator("body").evaluate(() => {
      // A message from the frame itself pretending to be the panel's answer, and junk.
      window.postMessage({ panelcare: 1, id: 1, ok: true, value: { token: "forged" } }, "*");
      window.postMessage("junk", "*");
      window.parent.postMessage({ panelcare: 1, id: 1000, call: "delete_everything" }, "*");
    });
    await page.waitForTimeout(500);
    assert.equal(page.url(), before, "nobody navigated the panel");
    const message = `Still working after hostile messages ${Date.now()}`;
    await send(frame, message);
    assert.ok((await apiList(server.url, "alice")).some((f) => f.message === message));
    await context.close();
  });
});
