// End to end: a reseller's branding reaches its customers' widget, and no one else's.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { artifacts, freePort, launch, openPage, scratch, startServer } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The feedback widget of a demo customer: its send button's colour and its brand line. */
async function widgetLook(base, customer, lang, shot, wanted) {
  const { page, context } = await openPage(browser, `${base}/demo/cpanel.html?customer=${customer}&lang=${lang}`);
  const widget = page.locator("[data-panelcare=feedback]");
  await widget.locator("form").waitFor();
  await widget.locator(".pc-item").first().waitFor();
  // The tenant's look arrives beside the customer's history, not always before it.
  if (wanted) await widget.locator(".pc-title", { hasText: wanted }).waitFor();
  const button = widget.locator("button[type=submit]");
  const colour = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
  const brand = (await widget.locator(".pc-brand").count()) ? await widget.locator(".pc-brand").innerText() : null;
  const powered = await widget.locator(".pc-powered").count();
  const title = await widget.locator(".pc-title").first().innerText();
  const submit = await button.innerText();
  const shownLang = await widget.locator(".pc-root").getAttribute("lang");
  if (shot) await widget.screenshot({ path: join(artifacts(), shot) });
  await context.close();
  return { colour, brand, powered, title, submit, lang: shownLang };
}

describe("white-label branding", () => {
  let server, tmp;
  before(async () => {
    tmp = scratch();
    server = await startServer({ db: tmp.db, port: await freePort() });
  });
  after(async () => { await server?.stop(); tmp?.cleanup(); });

  test("BlueFox's customers see BlueFox's look; Acme's see Acme's", async () => {
    const fox = await widgetLook(server.url, "milica", "sr", "widget-bluefox.png", "Predlozi za BlueFox");
    assert.equal(fox.brand, "BlueFox Care");
    assert.equal(fox.colour, "rgb(15, 118, 110)");
    assert.equal(fox.powered, 0, "BlueFox's customers never see our name");
    assert.equal(fox.title, "Predlozi za BlueFox", "BlueFox's own wording");
    assert.equal(fox.submit, "Pošalji BlueFox-u");
    // BlueFox offers Serbian and English: a panel in Russian gets BlueFox's default, Serbian.
    const foxRu = await widgetLook(server.url, "milica", "ru", undefined, "Predlozi za BlueFox");
    assert.equal(foxRu.lang, "sr-Latn");
    assert.equal(foxRu.title, "Predlozi za BlueFox");
    const foxEn = await widgetLook(server.url, "milica", "en", undefined, "Suggestions for BlueFox");
    assert.equal(foxEn.title, "Suggestions for BlueFox");
    const acme = await widgetLook(server.url, "alice", "en", "widget-acme.png");
    assert.equal(acme.brand, null);
    assert.equal(acme.colour, "rgb(29, 78, 216)");
    assert.equal(acme.powered, 1);
    assert.equal(acme.title, "Feedback", "Acme keeps our wording");
  });

  test("a reseller changes its colours in the console and only its customers see them", async () => {
    const { page, context, problems } = await openPage(browser, `${server.url}/console/`);
    await page.locator("#c-email").fill("admin@bluefox.example");
    await page.locator("#c-password").fill("demo-password");
    await page.locator("button[type=submit]").click();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Branding", exact: true }).click();
    const primary = page.locator("#c-b-primary");
    await page.locator("#c-b-tenant option", { hasText: "BlueFox Web" }).waitFor({ state: "attached" });
    await page.waitForFunction(() => document.querySelector("#c-b-primary")?.value === "#0f766e");
    // A colour white text cannot be read on is flagged before it is saved.
    await primary.fill("#ffff00");
    await page.locator(".c-warn", { hasText: "WCAG AA" }).waitFor();
    await primary.fill("#7c3aed");
    assert.equal(await page.locator(".c-warn").count(), 0);
    // And rewords the English title; the preview follows as it is typed.
    await page.locator(".c-texts summary").click();
    await page.locator("#c-b-text-lang").selectOption("en");
    await page.locator("#c-b-text-title").fill("Tell BlueFox");
    await page.locator(".p-title", { hasText: "Tell BlueFox" }).waitFor();
    await page.locator(".c-texts summary").click();
    await page.getByRole("button", { name: "Save branding" }).click();
    await page.locator(".c-ok", { hasText: "Saved" }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(artifacts(), "console-branding.png") });
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log", exact: true }).click();
    await page.locator(".c-table td", { hasText: "Branding changed" }).first().waitFor();
    assert.match(await page.locator(".c-table tbody tr").first().innerText(), /Bea BlueFox.*bluefox.*Branding changed.*#7c3aed/s);
    const unexpected = problems.filter((p) => !p.includes("status of 401"));
    assert.deepEqual(unexpected, []);
    await context.close();

    const fox = await widgetLook(server.url, "milica", "sr", "widget-bluefox-purple.png", "Predlozi za BlueFox");
    assert.equal(fox.colour, "rgb(124, 58, 237)");
    assert.equal(fox.title, "Predlozi za BlueFox", "the Serbian wording is untouched");
    const foxEn = await widgetLook(server.url, "milica", "en", undefined, "Tell BlueFox");
    assert.equal(foxEn.title, "Tell BlueFox");
    const acme = await widgetLook(server.url, "alice", "en");
    assert.equal(acme.colour, "rgb(29, 78, 216)");
    assert.equal(acme.title, "Feedback");
  });
});
