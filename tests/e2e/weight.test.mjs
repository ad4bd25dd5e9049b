// End to end: what the widget costs a panel page on the wire. The cPanel demo dashboard as
// Alice, all four mounts scrolled into view, in Chromium at the two viewports the issue names;
// the body bytes the browser receives from our server for the widget (the loader, the hashed
// files and anything loaded later; not the host adapter, the demo page or API answers) are
// summed from the DevTools protocol, cold and warm. The total may never grow past the best
// reached so far (tests/e2e/wire-budget.json; a run outside CI lowers it when it does better).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { artifacts, browserAndDemo, startMounts } from "./support.mjs";

const BUDGET_FILE = new URL("./wire-budget.json", import.meta.url);
const MOUNTS = ["notices", "offers", "tickets", "feedback"];
const VIEWPORTS = [{ width: 1350, height: 940 }, { width: 412, height: 823 }];

/** Whether a URL is the widget's own (what a provider's page pays for panelcare). */
const widgetFile = (url) => {
  const { pathname } = new URL(url);
  return pathname === "/panelcare.js" || pathname.startsWith("/assets/");
};

/** Opens the dashboard in `context`, brings each mount into view until its widget has
 *  started, and returns the widget's responses: url, status, encoding and body bytes. */
async function visit(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const seen = new Map();
  const finished = new Map();
  const failed = [];
  cdp.on("Network.responseReceived", ({ requestId, response }) => {
    const h = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    seen.set(requestId, {
      url: response.url, status: response.status, encoding: h["content-encoding"] ?? "",
      headerBytes: response.encodedDataLength, fromCache: response.fromDiskCache || response.fromPrefetchCache,
    });
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => finished.set(requestId, encodedDataLength));
  const cached = new Set();
  cdp.on("Network.requestServedFromCache", ({ requestId }) => cached.add(requestId));
  cdp.on("Network.loadingFailed", ({ requestId, errorText }) => failed.push({ requestId, errorText }));
  await page.goto(url);
  await startMounts(page, MOUNTS);
  await page.waitForLoadState("networkidle");
  const files = [];
  for (const [id, r] of seen) {
    if (!widgetFile(r.url)) continue;
    assert.ok(finished.has(id), `${r.url} finished loading`);
    const total = finished.get(id);
    files.push({ ...r, bytes: r.fromCache || cached.has(id) ? 0 : Math.max(0, total - r.headerBytes) });
  }
  assert.deepEqual(failed.filter((f) => seen.has(f.requestId) && widgetFile(seen.get(f.requestId).url)), [], "no widget file failed");
  await page.close();
  return files;
}

describe("the widget's weight on the wire", () => {
  const demo = browserAndDemo();

  test("only English is in the widget: another language's texts come from the server, for whoever reads it", async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    const asked = [];
    let wasmUrl = null;
    page.on("request", (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith("/api/v1/texts/")) asked.push(p);
      if (p.endsWith(".wasm")) wasmUrl = r.url();
    });
    const feedbackIn = async (query, label) => {
      await page.goto(`${demo.server.url}/demo/cpanel.html?${query}`);
      const widget = page.locator("[data-panelcare=feedback]");
      await widget.scrollIntoViewIfNeeded();
      await widget.locator("form").waitFor();
      assert.equal(await widget.locator("label[for=pc-message]").innerText(), label);
      return widget.locator(".pc-root").getAttribute("lang");
    };
    assert.equal(await feedbackIn("customer=alice", "Your message"), "en");
    assert.deepEqual(asked, [], "a customer who reads English asks for no texts");
    assert.equal(await feedbackIn("customer=boris&lang=ru", "Ваше сообщение"), "ru");
    assert.ok(asked.includes("/api/v1/texts/ru"), `asked for ${asked}`);
    assert.equal(await feedbackIn("customer=milica&lang=sr", "Vaša poruka"), "sr-Latn");
    // The server cannot say: English, and the widget says it speaks English.
    await page.route("**/api/v1/texts/**", (r) => r.fulfill({ status: 503, contentType: "application/json", body: "{}" }));
    assert.equal(await feedbackIn("customer=boris&lang=ru", "Your message"), "en");
    await context.close();

    // The wasm as sent holds no Russian nor Serbian word of the catalogue.
    const wasm = Buffer.from(await (await fetch(wasmUrl, { headers: { "Accept-Encoding": "identity" } })).arrayBuffer());
    assert.ok(wasm.includes(Buffer.from("Your message")), "the English catalogue is in the wasm");
    for (const word of ["Ваше сообщение", "Vaša poruka"]) assert.ok(!wasm.includes(Buffer.from(word)), word);
  });

  test("the cPanel dashboard as Alice: compressed files, within the ratchet, nothing sent twice", async () => {
    const budget = JSON.parse(readFileSync(BUDGET_FILE, "utf8"));
    const report = {};
    let worst = 0;
    for (const viewport of VIEWPORTS) {
      const context = await demo.browser.newContext({ viewport });
      const cold = await visit(context, `${demo.server.url}/demo/cpanel.html?customer=alice`);
      const warm = await visit(context, `${demo.server.url}/demo/cpanel.html?customer=alice`);
      await context.close();
      const sum = (files) => files.reduce((n, f) => n + f.bytes, 0);
      const name = `${viewport.width}x${viewport.height}`;
      const files = cold.map(({ url, encoding, bytes }) => ({ path: new URL(url).pathname, encoding, bytes }));
      report[name] = { cold: sum(cold), warm: sum(warm), files };
      worst = Math.max(worst, sum(cold));
      assert.ok(cold.some((f) => f.url.endsWith(".wasm")), `the wasm was loaded: ${JSON.stringify(cold)}`);
      for (const f of cold) {
        assert.equal(f.status, 200, f.url);
        assert.ok(["br", "gzip"].includes(f.encoding), `${f.url} compressed, not "${f.encoding}"`);
      }
      // A second visit revalidates the loader (a 304 without a body) and takes the hashed
      // files from the cache: no widget bytes at all.
      const loader = warm.find((f) => new URL(f.url).pathname === "/panelcare.js");
      // (DevTools reports a revalidated answer with the cached one's status, 200.)
      assert.ok(loader && !loader.fromCache && loader.headerBytes > 0 && loader.bytes === 0,
        `the loader revalidated with the server, no body: ${JSON.stringify(warm)}`);
      const assets = warm.filter((f) => f !== loader);
      assert.ok(assets.length >= 3 && assets.every((f) => f.fromCache), `hashed files from the cache: ${JSON.stringify(warm)}`);
      assert.equal(sum(warm), 0, `warm visit: ${JSON.stringify(warm)}`);
    }
    writeFileSync(join(artifacts(), "wire.json"), JSON.stringify(report, null, 2));
    console.log(`widget on the wire: ${worst} B cold (target ${budget.target} B, best so far ${budget.best} B)`);
    // A little room for another toolchain's output (CI's rustc may be newer); none for growth.
    const allowed = Math.floor(budget.best * 1.005);
    assert.ok(worst <= allowed, `the widget is ${worst} B on the wire, over the best reached so far (${budget.best} B): ${JSON.stringify(report, null, 2)}`);
    if (worst < budget.best && !process.env.CI) {
      writeFileSync(BUDGET_FILE, `${JSON.stringify({ ...budget, best: worst }, null, 2)}\n`);
      console.log(`notice: tests/e2e/wire-budget.json lowered to ${worst} B; commit it`);
    }
  });
});
