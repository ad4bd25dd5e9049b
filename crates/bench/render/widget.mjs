// The widget's render time for a busy customer, in headless Chromium against the release
// server and the release widget: the ticket list of an account with 1,000 tickets, and a
// thread of 500 messages. Run by `cargo xtask bench` after the server benchmark.
//
// Each figure is the browser's own clock inside the page, from the moment the widget has
// what it needs (the click for the list, whose data is already loaded; the end of the
// thread's response for the thread) to the moment its DOM is complete and laid out.
import { freePort, launch, openPage, scratch, startServer } from "../../../tests/e2e/support.mjs";

const TICKETS = 1000;
const MESSAGES = 500;
const RUNS = 7;

async function post(base, token, path, key, body) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Opens the tickets and the long thread for the demo customer Alice. */
async function seed(base) {
  const { token } = await (await fetch(`${base}/demo-api/token?account=alice`)).json();
  let busy = null;
  for (let i = 0; i < TICKETS; i += 20) {
    const batch = [];
    for (let j = i; j < Math.min(i + 20, TICKETS); j++) {
      batch.push(post(base, token, "/api/v1/tickets", `render-${j}`, {
        department: "technical", priority: ["low", "normal", "high", "critical"][j % 4],
        subject: `Render benchmark ticket ${j}`, message: "Mail bounces with 550 since this morning.",
      }));
    }
    const opened = await Promise.all(batch);
    busy ??= opened[0].ticket;
  }
  for (let i = 1; i < MESSAGES; i++) {
    await post(base, token, `/api/v1/tickets/${busy.id}/replies`, `render-reply-${i}`,
      { message: `Still happening, attempt ${i}. The log says: 550 5.7.1 relay denied.` });
  }
  return busy;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const tmp = scratch();
  const server = await startServer({ db: tmp.db, port: await freePort() });
  const browser = await launch();
  try {
    const busy = await seed(server.url);
    const list = [], thread = [];
    let listed = 0;
    for (let run = 0; run < RUNS; run++) {
      const { page, context } = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
      const widget = page.locator("[data-panelcare=tickets]");
      await widget.locator(".pc-tickets .pc-item").first().waitFor();
      const r = await page.evaluate(async ({ id, messages }) => {
        // Resolves with performance.now() once `done()` holds after a DOM change, style and
        // layout included (not only the DOM change).
        const whenDone = (root, done) => new Promise((resolve) => {
          const check = () => {
            if (!done(root)) return false;
            void root.host.offsetHeight;
            resolve(performance.now());
            return true;
          };
          if (check()) return;
          const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
          mo.observe(root, { childList: true, subtree: true });
        });
        const root = document.querySelector("[data-panelcare=tickets]").shadowRoot;
        const items = () => root.querySelectorAll(".pc-tickets .pc-item").length;
        const listed = items();
        const link = [...root.querySelectorAll(".pc-ticket-link")].find((b) => b.textContent.includes(`#${id.number}`));
        const opened = whenDone(root, (r) => r.querySelectorAll(".pc-conversation > li").length >= messages);
        link.click();
        const threadDone = await opened;
        const entry = performance.getEntriesByType("resource").filter((e) => e.name.endsWith(`/api/v1/tickets/${id.id}`)).pop();
        const back = root.querySelector(".pc-thread .pc-link");
        const shown = whenDone(root, () => items() >= listed);
        const clicked = performance.now();
        back.click();
        const listDone = await shown;
        return { listed, thread: threadDone - entry.responseEnd, list: listDone - clicked };
      }, { id: busy, messages: MESSAGES });
      listed = r.listed;
      list.push(r.list);
      thread.push(r.thread);
      await context.close();
    }
    const f = (x) => x.toFixed(1);
    console.log(`widget render, median of ${RUNS} (min–max), release widget in headless Chromium:`);
    console.log(`  ticket list (${listed} of ${TICKETS} shown)   ${f(median(list))} ms (${f(Math.min(...list))}–${f(Math.max(...list))})`);
    console.log(`  thread of ${MESSAGES} messages          ${f(median(thread))} ms (${f(Math.min(...thread))}–${f(Math.max(...thread))})`);
    console.log(`BENCH widget_list_render_ms=${f(median(list))} widget_thread_render_ms=${f(median(thread))}`);
  } finally {
    await browser.close();
    await server.stop();
    tmp.cleanup();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
