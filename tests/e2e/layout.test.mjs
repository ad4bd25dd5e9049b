// End to end: panelcare never moves the panel's page. Each demo panel, as a customer, in
// Chromium at 1350×940 and 412×823, on a first visit and a second: every mount is brought
// into view, every widget draws what its data says (or nothing), and the page's cumulative
// layout shift, from a PerformanceObserver for `layout-shift`, stays within 0.02.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { artifacts, browserAndDemo, startMounts, twoFrames } from "./support.mjs";

const LIMIT = 0.02;
const VIEWPORTS = [{ width: 1350, height: 940 }, { width: 412, height: 823 }];
// Each page, as whom.
const PAGES = [
  { page: "cpanel.html", customer: "alice" },
  { page: "plesk.html", customer: "alice" },
  { page: "directadmin.html", customer: "milica" },
  { page: "whmcs.html", customer: "alice" },
];
// What each kind of widget asks the server for as it starts: its answer is the positive
// signal that the widget has drawn its data (or decided to draw nothing).
const ASKS = { notices: "/api/v1/notices", offers: "/api/v1/offers", tickets: "/api/v1/tickets", feedback: "/api/v1/feedback",
  ideas: "/api/v1/ideas" };

/** Opens `url` in `context`, brings each mount into view, waits until every widget has its
 *  answer and the page has drawn it, and returns the shifts seen. */
async function shiftsOf(context, url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__shifts.push({ value: e.value, at: Math.round(e.startTime), from: e.sources.map((s) => s.node?.nodeName ?? "?") });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  // Asked before the page opens, so no answer comes before its waiter; a kind the page does
  // not have is never awaited (and its waiter ends quietly with the page).
  const answers = Object.fromEntries(Object.entries(ASKS).map(([kind, ask]) => {
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === ask && r.ok(), { timeout: 20_000 });
    answer.catch(() => {});
    return [kind, answer];
  }));
  await page.goto(url);
  const kinds = await page.$$eval("[data-panelcare]", (els) => els.map((e) => e.dataset.panelcare));
  await startMounts(page, kinds);
  await Promise.all(kinds.map((k) => answers[k]));
  // And each widget shows what it drew (its content waits for the branding, at most 1.5 s).
  await page.waitForFunction((ks) => ks.every((k) =>
    document.querySelector(`[data-panelcare=${k}]`).shadowRoot?.querySelector(".pc-body:not([hidden])")), kinds);
  // Two frames after the last answer: whatever it changes is laid out and observed.
  await twoFrames(page);
  await page.waitForLoadState("networkidle");
  await twoFrames(page);
  const shifts = await page.evaluate(() => window.__shifts);
  await page.close();
  return shifts;
}

describe("the panel page never moves", () => {
  const demo = browserAndDemo();

  test("every demo panel at both viewports, first and second visit: CLS ≤ 0.02", async () => {
    const report = [];
    for (const { page, customer } of PAGES) {
      for (const viewport of VIEWPORTS) {
        const context = await demo.browser.newContext({ viewport });
        const url = `${demo.server.url}/demo/${page}?customer=${customer}`;
        for (const visit of ["cold", "warm"]) {
          const shifts = await shiftsOf(context, url);
          const cls = shifts.reduce((sum, s) => sum + s.value, 0);
          report.push({ page, viewport: `${viewport.width}x${viewport.height}`, visit, cls: Number(cls.toFixed(4)), shifts });
        }
        await context.close();
      }
    }
    writeFileSync(join(artifacts(), "layout-shift.json"), JSON.stringify(report, null, 2));
    for (const r of report) console.log(`CLS ${r.page} ${r.viewport} ${r.visit}: ${r.cls}`);
    const over = report.filter((r) => r.cls > LIMIT);
    assert.deepEqual(over, [], `layout shift over ${LIMIT}`);
  });
});
