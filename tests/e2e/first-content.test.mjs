// End to end: how soon each widget shows its data once its mount point comes into view, and
// what starting them costs the page's main thread. The cPanel demo dashboard as Alice, in
// Chromium at 1350×940 with the CPU throttled 4× (DevTools protocol), and unthrottled: for
// each kind of widget, a first visit (empty cache, no idle preloading) and a second one, the
// mount brought into view as soon as the page has parsed. "First content" is the data the widget is there for
// drawn on screen: a notice's title, the offer's headline, a ticket row, the feedback form.
// Long tasks (over 50 ms) are counted unthrottled, with every widget started, and reported
// throttled.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { artifacts, browserAndDemo, startMounts } from "./support.mjs";

const LIMITS = { cold: 600, warm: 150 };
// Neither limit is met yet (README, "What the widget costs a panel page"): both are reported,
// with the unthrottled figures beside them, and held once they are met. Content that never
// shows fails the test now.
const HELD = false;
const THROTTLES = [4, 1];
const CONTENT = {
  notices: ".pc-notice-title",
  offers: ".pc-offer-headline",
  tickets: ".pc-ticket-link",
  feedback: ".pc-textarea",
};
const VIEWPORT = { width: 1350, height: 940 };

/** Runs in the page before its own scripts: no idle preloading; the long tasks; the time
 *  the `kind` mount point first intersects the viewport and the first frame its content is
 *  drawn on screen (the browser's clock, ms since navigation). */
function watch({ kind, selector }) {
  window.requestIdleCallback = () => 0;
  const m = (window.__firstContent = { entered: null, shown: null, longTasks: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longTasks.push(Math.round(e.duration));
  }).observe({ type: "longtask", buffered: true });
  if (!kind) return;
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < innerHeight;
  };
  document.addEventListener("DOMContentLoaded", () => {
    const mount = document.querySelector(`[data-panelcare=${kind}]`);
    new IntersectionObserver((entries, io) => {
      if (entries.some((e) => e.isIntersecting)) { m.entered = performance.now(); io.disconnect(); }
    }).observe(mount);
    const frame = (now) => {
      const el = mount.shadowRoot?.querySelector(selector);
      if (el && onScreen(el)) m.shown = now;
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** One visit in `context`: the time from the mount entering the view to its content, and the
 *  long tasks seen by then. */
async function firstContent(context, url, kind, rate) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.addInitScript(watch, { kind, selector: CONTENT[kind] });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.$eval(`[data-panelcare=${kind}]`, (el) => el.scrollIntoView({ block: "center" }));
  await page.waitForFunction(() => window.__firstContent.shown !== null && window.__firstContent.entered !== null,
    null, { timeout: 20_000 });
  const m = await page.evaluate(() => window.__firstContent);
  await page.close();
  // Drawn before it came into view (started early, below the fold): shown the moment it enters.
  return { ms: Math.max(0, Math.round(m.shown - m.entered)), longTasks: m.longTasks };
}

/** Every widget started on a first visit, unthrottled: the long tasks on the page by then. */
async function longTasksUnthrottled(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(watch, { kind: null, selector: null });
  await page.goto(url);
  await startMounts(page, Object.keys(CONTENT));
  await page.waitForLoadState("networkidle");
  const tasks = await page.evaluate(() => window.__firstContent.longTasks);
  await context.close();
  return tasks;
}

describe("first content", () => {
  const demo = browserAndDemo();

  test(`each widget's content on screen, timed against ${LIMITS.cold} ms cold and ${LIMITS.warm} ms warm at ${THROTTLES[0]}× CPU; long tasks counted`, async () => {
    const url = `${demo.server.url}/demo/cpanel.html?customer=alice`;
    const report = { throttles: THROTTLES, limits: LIMITS, held: HELD, kinds: {}, longTasks: {} };
    for (const rate of THROTTLES) {
      for (const kind of Object.keys(CONTENT)) {
        const context = await demo.browser.newContext({ viewport: VIEWPORT });
        const cold = await firstContent(context, url, kind, rate);
        const warm = await firstContent(context, url, kind, rate);
        await context.close();
        (report.kinds[kind] ??= {})[`${rate}x`] = { cold: cold.ms, warm: warm.ms };
        if (rate > 1) report.longTasks[`${kind} at ${rate}x`] = { cold: cold.longTasks, warm: warm.longTasks };
        console.log(`first content ${kind} at ${rate}× CPU: cold ${cold.ms} ms, warm ${warm.ms} ms; long tasks ${JSON.stringify(cold.longTasks)} / ${JSON.stringify(warm.longTasks)}`);
      }
    }
    report.longTasks.unthrottled = await longTasksUnthrottled(demo.browser, url);
    console.log(`long tasks unthrottled, every widget started: ${JSON.stringify(report.longTasks.unthrottled)}`);
    writeFileSync(join(artifacts(), "first-content.json"), JSON.stringify(report, null, 2));

    const slow = Object.entries(report.kinds).flatMap(([kind, t]) =>
      ["cold", "warm"].filter((v) => t[`${THROTTLES[0]}x`][v] > LIMITS[v]).map((v) => `${kind} ${v} ${t[`${THROTTLES[0]}x`][v]} ms`));
    if (HELD) {
      assert.deepEqual(slow, [], "first content within its limit");
      assert.deepEqual(report.longTasks.unthrottled, [], "no long task while the widgets start");
    } else if (slow.length || report.longTasks.unthrottled.length) {
      console.log(`not met yet: ${[...slow, ...report.longTasks.unthrottled.map((t) => `a ${t} ms task unthrottled`)].join(", ")}`);
    }
  });
});
