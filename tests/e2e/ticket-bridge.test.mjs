// End to end: an admin connects the tenant's helpdesk in the console, a customer's widget
// ticket is delivered to it signed, the helpdesk's answer (a signed host call, as the WHMCS
// addon makes it) shows in the customer's widget under the staff member's name, and the
// console says when the last delivery went through. The helpdesk here is a plain HTTP
// receiver that checks each delivery's signature with the demo key.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

// Published on purpose by the demo (crates/server/src/demo.rs): demo tokens protect nothing.
const KID = "demo-1";
const SECRET = "demo-secret-acme-not-for-production";
const sign = (ts, body) => `sha256=${createHmac("sha256", SECRET).update(`${ts}.${body}`).digest("hex")}`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A helpdesk that takes deliveries whose signature holds, and refuses the rest. */
async function helpdesk() {
  const seen = [];
  const refused = [];
  const http = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => {
      const ts = req.headers["x-panelcare-timestamp"];
      const ok = req.headers["x-panelcare-key"] === KID && req.headers["x-panelcare-signature"] === sign(ts, body);
      (ok ? seen : refused).push(JSON.parse(body));
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { external_ref: `#${700000 + seen.length}` } : { error: "invalid_signature" }));
    });
  });
  const port = await freePort();
  await new Promise((done) => http.listen(port, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${port}/modules/addons/panelcare/bridge.php`, seen, refused, close: () => http.close() };
}

async function until(what, check, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the ticket bridge", () => {
  let server, tmp, desk;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
    desk = await helpdesk();
  });
  after(async () => { desk?.close(); await server?.stop(); tmp?.cleanup(); });

  test("set up in the console, a widget ticket reaches the helpdesk and its answer reaches the widget", async () => {
    const admin = await openPage(browser, `${server.url}/console/`);
    await admin.page.locator("#c-email").fill("admin@acme-hosting.example");
    await admin.page.locator("#c-password").fill("demo-password");
    await admin.page.locator("button[type=submit]").click();
    await admin.page.locator(".c-top .c-who").waitFor();
    await admin.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Support settings", exact: true }).click();
    const section = admin.page.locator(".c-bridge");
    await admin.page.locator("#c-tb-url").waitFor();
    await admin.page.locator("#c-tb-url").fill(desk.url);
    await admin.page.locator("#c-tb-key").selectOption(KID);
    await admin.page.getByRole("button", { name: "Save ticket bridge" }).click();
    await section.locator("#c-tb-status", { hasText: "Set up — nothing delivered yet" }).waitFor();

    // The customer opens a ticket in the widget.
    const subject = `Backups stopped ${Date.now()}`;
    const customer = await openPage(browser, `${server.url}/demo/cpanel.html?customer=alice`);
    const widget = customer.page.locator("[data-panelcare=tickets]");
    await widget.getByRole("button", { name: "New ticket" }).click();
    await widget.locator("#pc-t-subject").fill(subject);
    await widget.locator("#pc-t-message").fill("The nightly backup has not run since Sunday.");
    await widget.getByRole("button", { name: "Open ticket" }).click();
    await widget.locator(".pc-thread").waitFor();

    const created = await until("the delivery", () => desk.seen.find((e) => e.ticket.subject === subject));
    assert.equal(created.event, "ticket.created");
    assert.equal(created.message.body, "The nightly backup has not run since Sunday.");
    assert.equal(created.ticket.account, "alice");
    assert.deepEqual(desk.refused, [], "every delivery was signed with the chosen key");

    // Staff answer in the helpdesk; the addon brings it back, signed.
    const body = JSON.stringify({ tenant: "acme", external_id: "whmcs-reply-501", from: "support",
      author: "Dana from billing", message: "Fixed: the backup disk was full; tonight's run will go." });
    const ts = Math.floor(Date.now() / 1000);
    const answer = await fetch(`${server.url}/api/v1/bridge/tickets/${created.ticket.id}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-panelcare-key": KID,
        "x-panelcare-timestamp": String(ts), "x-panelcare-signature": sign(ts, body) },
      body,
    });
    assert.equal(answer.status, 201);
    // The same signature on other words is refused.
    const forged = await fetch(`${server.url}/api/v1/bridge/tickets/${created.ticket.id}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-panelcare-key": KID,
        "x-panelcare-timestamp": String(ts), "x-panelcare-signature": sign(ts, body) },
      body: body.replace("Fixed", "Hacked").replace("501", "502"),
    });
    assert.equal(forged.status, 401);

    // The open thread reads itself again; a reload shows it at once.
    await customer.page.reload();
    await widget.locator(".pc-tickets .pc-item", { hasText: subject }).locator(".pc-ticket-link").click();
    const reply = widget.locator(".pc-thread .pc-msg-support", { hasText: "the backup disk was full" });
    await reply.waitFor();
    assert.match(await reply.innerText(), /Dana from billing/);
    assert.equal(await widget.locator(".pc-thread", { hasText: "Hacked" }).count(), 0);
    await customer.context.close();

    // The agent's view of the ticket names the helpdesk's number for it.
    await admin.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tickets", exact: true }).click();
    await admin.page.locator(".c-queue tbody tr", { hasText: subject }).getByRole("link").click();
    await admin.page.locator(".c-external-ref", { hasText: "In the helpdesk as #700" }).waitFor();
    await admin.page.locator(".c-msg-agent", { hasText: "the backup disk was full" }).waitFor();

    // The console says the helpdesk is being reached.
    await admin.page.reload();
    await admin.page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Support settings", exact: true }).click();
    await section.locator("#c-tb-status", { hasText: "Connected — last delivery" }).waitFor();
    const card = admin.page.locator("section[aria-labelledby=c-s-bridge-title]");
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(artifacts(), "console-ticket-bridge.png") });
    await admin.context.close();
  });
});
