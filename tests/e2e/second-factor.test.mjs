// End to end: an agent sets up a second factor in the console (QR code, key, first code,
// recovery codes), signs out, and signs in again with a code from the "app" (computed here
// as an authenticator app would, RFC 6238), then with a recovery code.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, axe, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const STEP_MS = 30_000;
const stepNow = () => Math.floor(Date.now() / STEP_MS);

/** RFC 4648 base32 (no padding) to bytes. */
function fromBase32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out = [];
  for (const c of text.replace(/\s+/g, "")) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { bits -= 8; out.push((value >>> bits) & 0xff); }
  }
  return Buffer.from(out);
}

/** The six-digit code of `secret` (base32) for time step `step` (RFC 6238, HMAC-SHA-1). */
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac("sha1", fromBase32(secret)).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const binary = hash.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

async function signIn(page) {
  await page.locator("#c-email").fill("agent@acme-hosting.example");
  await page.locator("#c-password").fill("demo-password");
  await page.locator("button[type=submit]").click();
}

async function signOut(page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.locator("#c-email").waitFor();
}

describe("second factor in the console", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("set up an app, sign out, sign in with a code and with a recovery code", async () => {
    const { page, context, problems } = await openPage(browser, `${server.url}/console/`);
    await signIn(page);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Security", exact: true }).click();
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const qr = page.locator("img.c-2fa-qr");
    await qr.waitFor();
    // The QR code is drawn (an SVG in a data: URL, allowed by the console's policy).
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), "QR code drawn");
    const secret = (await page.locator("#c-2fa-secret").innerText()).replace(/\s+/g, "");
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page.screenshot({ path: join(artifacts(), "console-second-factor-setup.png"), fullPage: true });

    // A wrong code first: said, and the field is ready for the next one.
    await page.locator("#c-2fa-code").fill("000000");
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("alert").filter({ hasText: "not right" }).waitFor();
    const enrolStep = stepNow();
    await page.locator("#c-2fa-code").fill(totp(secret, enrolStep));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    const codes = await page.locator(".c-2fa-code-list code").allInnerTexts();
    assert.equal(codes.length, 10);
    codes.forEach((c) => assert.match(c, /^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/));
    const result = await axe(page, ".c-main");
    assert.deepEqual(result.violations, []);
    await page.getByRole("button", { name: "I saved them" }).click();
    await page.getByRole("heading", { name: "Second factor: on" }).waitFor();
    await page.getByText("Recovery codes left: 10").waitFor();

    // Signed out, the password alone opens nothing: the second step asks for a code.
    await signOut(page);
    await signIn(page);
    const field = page.locator("#c-2fa-code");
    await field.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "c-2fa-code");
    await page.screenshot({ path: join(artifacts(), "console-second-factor.png"), fullPage: true });
    // The code that turned it on was used: refused, said next to the field.
    await field.fill(totp(secret, enrolStep));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "not right" }).waitFor();
    await field.fill(totp(secret, Math.max(enrolStep + 1, stepNow())));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();

    // Lost phone: a recovery code signs in once.
    await signOut(page);
    await signIn(page);
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Security", exact: true }).click();
    await page.getByText("Recovery codes left: 9").waitFor();

    const unexpected = problems.filter((p) => !p.includes("status of 401") && !p.includes("status of 422"));
    assert.deepEqual(unexpected, [], "no console errors and no CSP violations");
    await context.close();
  });
});
