// End to end: the demo pages shaped like Plesk's customer panel and DirectAdmin's user page
// carry the same widgets under the same strict policy: a suggestion goes out from each, in
// the customer's language, with no console errors or policy violations.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiList, artifacts, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe("the Plesk and DirectAdmin demo pages", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  for (const [page, customer, lang, submit, shot] of [
    ["plesk.html", "alice", "en", "Send", "plesk-panel.png"],
    ["directadmin.html", "milica", "sr", "Pošalji BlueFox-u", "directadmin-panel.png"],
  ]) {
    test(`${page}: ${customer} sends a suggestion`, async () => {
      const { page: p, context, problems } = await openPage(browser, `${server.url}/demo/${page}?customer=${customer}&lang=${lang}`);
      const widget = p.locator("[data-panelcare=feedback]");
      const message = `From the ${page} demo page ${Date.now()}`;
      await widget.locator("label[for=pc-category-idea]").click();
      await widget.locator("#pc-message").fill(message);
      await widget.getByRole("button", { name: submit }).click();
      await widget.locator(".pc-item:not(.pc-pending)", { hasText: message }).waitFor();
      assert.ok((await apiList(server.url, customer)).some((f) => f.message === message));
      await p.screenshot({ path: join(artifacts(), shot) });
      assert.deepEqual(problems, [], "no console errors and no CSP violations");
      await context.close();
    });
  }
});
