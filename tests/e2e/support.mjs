// Shared set-up for the end-to-end tests: the real server binary on a loopback port with a
// fresh database (a SQLite file, or a PostgreSQL database when PANELCARE_E2E_PG names a
// server), and Debian's Chromium driven by playwright-core.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the end-to-end tests through \`cargo xtask test\``);
  return value;
};

export const artifacts = () => {
  const dir = env("PANELCARE_ARTIFACTS");
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A free loopback port (so a test can stop the server and start it again on the same one). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

let databases = 0;

/** One test's database, removed by `cleanup()`: a SQLite file in a temporary directory, or
 *  a new database on the PostgreSQL server PANELCARE_E2E_PG names (made with its `psql`,
 *  PANELCARE_E2E_PSQL). */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), "panelcare-e2e-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const base = process.env.PANELCARE_E2E_PG;
  if (!base) return { db: join(dir, "e2e.sqlite"), cleanup: removeDir };
  const name = `pc_e2e_${process.pid}_${databases++}`;
  const psql = (sql) => execFileSync(env("PANELCARE_E2E_PSQL"), [base, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]);
  psql(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    db: url.toString(),
    cleanup: () => { removeDir(); psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); },
  };
}

/** Starts `panelcare-server serve --demo` and resolves once it listens. With `testClock`, the
 *  test may move the server's clock forward (`POST /demo-api/clock`). */
export function startServer({ db, port, testClock = false, env: extra = {} }) {
  const args = ["--db", db, "serve", "--demo", "--listen", `127.0.0.1:${port}`,
    "--dist", env("PANELCARE_DIST"), "--www", env("PANELCARE_WWW")];
  if (testClock) args.push("--test-clock");
  const child = spawn(env("PANELCARE_SERVER_BIN"), args, {
    stdio: ["ignore", "pipe", "pipe"],
    // The tests' helpdesk and webhook receivers listen on this machine: allowed as an operator
    // allows its own (deliveries to loopback are refused otherwise).
    // A fixed key, so a PostgreSQL run (which needs one) and a SQLite run start alike.
    // Refusals go out at once, as in the server's suite (which tests the hold): a test that
    // runs a customer into a limit (the layout test's many visits send many offer events)
    // then sees the same answers, without a second's hold between them.
    env: { ...process.env, PANELCARE_LOG: "warn", PANELCARE_OUTBOUND_ALLOW: "127.0.0.1,localhost",
      PANELCARE_REFUSAL_HOLD_MS: "0",
      PANELCARE_SECRET_KEY: "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=", ...extra },
  });
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
    child.stdout.on("data", (d) => {
      if (String(d).includes("listening on")) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
          log: () => log,
        });
      }
    });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${log}`)); });
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: env("CHROMIUM"),
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * A new page that records console errors and Content-Security-Policy violations, so a test
 * can assert the page ran cleanly under the strict policy.
 */
export async function openPage(browser, url, { viewport = { width: 1366, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(url);
  return { page, context, problems };
}

/** Chromium and the demo server on a fresh database, for the tests of the `describe` this is
 *  called in: started before them, stopped after. The tests read `.browser` and `.server`. */
export function browserAndDemo() {
  const it = {};
  let tmp;
  before(async () => {
    it.browser = await launch();
    tmp = scratch();
    it.server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await it.browser?.close(); await it.server?.stop(); tmp?.cleanup(); });
  return it;
}

/** Brings each mount of `kinds` into view and waits until the loader has handed it to its
 *  widget (no `aria-busy`, no `.pc-failed`). `scrollIntoView`, not a locator's: the notices
 *  mount takes no room (its bar floats). */
export async function startMounts(page, kinds) {
  for (const kind of kinds) {
    await page.$eval(`[data-panelcare=${kind}]`, (el) => el.scrollIntoView({ block: "center" }));
    await page.waitForFunction((k) => {
      const root = document.querySelector(`[data-panelcare=${k}]`)?.shadowRoot;
      return root?.querySelector(".pc-mount:not([aria-busy])") && !root.querySelector(".pc-failed");
    }, kind);
  }
}

/** Resolves two animation frames later: whatever the page just changed is laid out. */
export function twoFrames(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Stores a suggestion for a demo customer straight through the API, as the widget would. */
export async function apiSend(base, account, body, key = `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`) {
  const { token } = await (await fetch(`${base}/demo-api/token?account=${account}`)).json();
  const res = await fetch(`${base}/api/v1/feedback`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The signed-in demo customer's own suggestions, straight from the API. */
export async function apiList(base, account = "alice") {
  const { token } = await (await fetch(`${base}/demo-api/token?account=${account}`)).json();
  const res = await fetch(`${base}/api/v1/feedback`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()).items;
}

/**
 * What axe-core (WCAG 2.1 A/AA and best practices) finds wrong inside the element `selector`
 * on `page`, shadow roots included; `rules` turns single rules off or on.
 */
export async function axe(page, selector, rules = {}) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    const require = createRequire(import.meta.url);
    await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  }
  return page.evaluate(async ({ selector, rules }) => {
    const r = await window.axe.run(document.querySelector(selector), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      rules,
    });
    return {
      violations: r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => [n.target, n.failureSummary]) })),
      passes: r.passes.length,
    };
  }, { selector, rules });
}

/// Lifts `tenant`'s rate limits as the demo provider's admin would in the console, for tests
/// that write more from one customer than the defaults let a script (the limits have their
/// own tests).
export async function liftLimits(base, tenant) {
  const { cookie, csrf: csrf_token } = await consoleSession(base);
  const path = `${base}/console/api/tenants/${tenant}/limits`;
  const limits = await (await fetch(path, { headers: { cookie } })).json();
  const most = 1_000_000;
  for (const a of limits.actions) {
    a.account = { burst: most, per_hour: most };
    a.tenant = { burst: most, per_hour: most };
  }
  const res = await fetch(path, {
    method: "PUT",
    headers: { "Content-Type": "application/json", cookie, "X-CSRF-Token": csrf_token },
    body: JSON.stringify(limits),
  });
  if (res.status !== 200) throw new Error(`PUT limits answered ${res.status}: ${await res.text()}`);
}

/** Signs the demo provider's admin in through the console API: the session's cookie and CSRF
 *  token, for set-up a test does not click through. */
export async function consoleSession(base, email = "admin@acme-hosting.example") {
  const login = await fetch(`${base}/console/api/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "demo-password" }),
  });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
  const { csrf_token } = await login.json();
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { cookie, csrf: csrf_token };
}

/** Signs a demo account in on the console page open at `page` (it asks, signed out). */
export async function consoleSignIn(page, email) {
  await page.locator("#c-email").fill(email);
  await page.locator("#c-password").fill("demo-password");
  await page.locator("button[type=submit]").click();
}

/** One console API call as the demo provider's admin: the answer's JSON (or null), or an
 *  error with the server's words. */
export async function consoleApi(base, method, path, body, email = undefined) {
  const { cookie, csrf } = await consoleSession(base, email);
  const res = await fetch(`${base}/console/api${path}`, {
    method,
    headers: { "Content-Type": "application/json", cookie, "X-CSRF-Token": csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * A local SMTP server that keeps every message it is given (plain SMTP, no TLS, no auth): the
 * server's notification e-mails in the e2e tests. `next(pred)` resolves with the first message
 * (its text, quoted-printable soft breaks undone) that `pred` accepts, as soon as it arrives.
 */
export async function smtpSink() {
  const messages = [];
  const waiting = [];
  const server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    socket.setEncoding("latin1");
    socket.write("220 sink.test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const text = buffer.slice(0, end).replace(/=\r\n/g, "").replace(/=3D/g, "=");
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(text);
          for (const w of [...waiting]) {
            if (w.pred(text)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(text); }
          }
          socket.write("250 kept\r\n");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (line.startsWith("EHLO") || line.startsWith("HELO")) socket.write("250 sink.test\r\n");
        else if (line.startsWith("DATA")) { inData = true; socket.write("354 go on\r\n"); }
        else if (line.startsWith("QUIT")) { socket.end("221 bye\r\n"); return; }
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    port: server.address().port,
    messages,
    next: (pred, ms = 20_000) => {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such e-mail within ${ms} ms; got:\n${messages.join("\n---\n")}`)), ms);
        waiting.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * Serves a panel page at `/panel/strict.html` on `page` whose policy allows scripts from our
 * server but no WebAssembly (so the widgets come in our frames): `inner` is its markup after
 * the heading, the loader's script tag included.
 */
export function strictPanel(page, inner) {
  return page.route("**/panel/strict.html*", (route) => route.fulfill({
    contentType: "text/html",
    headers: { "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'" },
    body: `<!doctype html><html lang="en"><head><title>A strict panel</title></head><body>
      <h1>Strict panel</h1>${inner}
    </body></html>`,
  }));
}

/** The demo server with its e-mail going to a fresh SMTP sink: `{ server, sink }`. */
export async function startWithMail(db) {
  const sink = await smtpSink();
  const port = await freePort();
  const server = await startServer({
    db,
    port,
    env: { PANELCARE_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, PANELCARE_PUBLIC_URL: `http://127.0.0.1:${port}` },
  });
  return { server, sink };
}
