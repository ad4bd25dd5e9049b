/* The launcher: a floating button with the customer's unread count that opens a drawer with
   Support, Feedback and Ideas (where the tenant has a board); the drawer is also what
   panelcare.open, close and toggle show. Started by the API file (www/api.js) when the page's script tag (data-launcher="on")
   or the tenant's branding wants the button, or the page opens the drawer. An ES module;
   `cargo xtask build` minifies it under a hashed name. Its style is a constructed stylesheet
   (CSSOM, which a strict page policy allows). Nothing it draws takes room in the page. */

// The drawer's sections: the widget kind, and the text that names it (the widgets' titles).
const SECTIONS = [["tickets", "tickets_title"], ["feedback", "title"], ["ideas", "launcher_ideas"]];
// Our English, for when the server's texts do not come.
const ENGLISH = {
  tickets_title: "Support", title: "Feedback", launcher_ideas: "Ideas",
  launcher_open: "Help and feedback", launcher_close: "Close", launcher_unread: "Unread",
};
const CSS = `
:host{all:initial}
.pcl{--bg:#1d4ed8;--fg:#fff;--ring:#1d4ed8;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2937}
.pcl [hidden]{display:none!important}
.pcl-button{position:fixed;bottom:16px;right:16px;z-index:2147483000;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:var(--bg);color:var(--fg);box-shadow:0 4px 14px rgba(0,0,0,.3);cursor:pointer;display:flex;align-items:center;justify-content:center}
.pcl-button svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linejoin:round}
.pcl-badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;border-radius:11px;background:#b91c1c;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center}
.pcl-drawer{position:fixed;bottom:84px;right:16px;z-index:2147483001;width:min(400px,calc(100vw - 32px));height:min(640px,calc(100vh - 100px));display:flex;flex-direction:column;box-sizing:border-box;background:#fff;color:#1f2937;border-radius:12px;box-shadow:0 10px 40px rgba(0,0,0,.35);overflow:hidden}
.pcl-bare .pcl-drawer{bottom:16px;height:min(640px,calc(100vh - 32px))}
.pcl-left .pcl-button,.pcl-left .pcl-drawer{right:auto;left:16px}
.pcl-dark .pcl-drawer{background:#111827;color:#f3f4f6}
.pcl-head{display:flex;align-items:center;gap:8px;padding:10px 10px 10px 16px;background:var(--bg);color:var(--fg)}
.pcl-head h2{flex:1;margin:0;font-size:16px;font-weight:600;line-height:1.3}
.pcl-close{width:36px;height:36px;margin:0;padding:0;border:0;border-radius:8px;background:transparent;color:inherit;font:24px/1 system-ui,sans-serif;cursor:pointer}
.pcl-nav{display:flex;gap:6px;padding:8px 12px;border-bottom:1px solid #d1d5db}
.pcl-nav button{flex:1;min-height:36px;margin:0;padding:0 8px;border:1px solid #d1d5db;border-radius:8px;background:transparent;color:inherit;font:inherit;cursor:pointer}
.pcl-nav [aria-current=true]{background:var(--bg);border-color:var(--bg);color:var(--fg);font-weight:600}
.pcl-body{position:relative;flex:1;min-height:0}
.pcl-body>div{position:absolute;inset:0;overflow:auto}
.pcl button:focus-visible,.pcl-drawer:focus-visible{outline:3px solid var(--ring);outline-offset:2px}
.pcl-head button:focus-visible{outline-color:var(--fg);outline-offset:-4px}
@media (max-width:480px){.pcl .pcl-drawer{inset:0;width:auto;height:auto;border-radius:0}}
@media (prefers-reduced-motion:no-preference){.pcl-drawer{animation:pcl-in .15s ease-out}}
@keyframes pcl-in{from{opacity:0;transform:translateY(8px)}}
`;

// What panelcare.open may write, per kind: the draft's name in the widget's storage and the
// fields it may set (src/tickets/draft.rs, src/storage.rs: the same names).
const DRAFTS = {
  tickets: ["ticket-draft", "subject message department priority"],
  feedback: ["feedback-draft", "category message"],
};

// A new idempotency key, made like the widget's (src/storage.rs, new_key).
function newKey() {
  return "fb-" + Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Writes what panelcare.open gave into the customer's draft of `kind` (with `h`, the
 *  loader's adapter), which the widget then opens on as on one left before a reload. A ticket
 *  gets a fresh idempotency key: the old one may have been sent with other words already.
 *  Also asked inside our frame, whose storage the page cannot reach. */
export function prefill(h, kind, given) {
  const d = DRAFTS[kind];
  if (!d || !given || typeof given !== "object") return;
  return h.context().then((c) => {
    const key = "panelcare:v1:" + h.name + ":" + (c.account || "anonymous") + ":" + d[0];
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(key)); } catch (e) { /* a broken draft is replaced */ }
    if (!draft || typeof draft !== "object") draft = {};
    d[1].split(" ").forEach((f) => { if (typeof given[f] === "string") draft[f] = given[f]; });
    if (kind === "tickets") draft.key = newKey();
    try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* no storage: an empty form */ }
  });
}

// The language a locale means to the widget (panelcare_model::Lang::from_locale).
function tag(locale) {
  const l = String(locale || "").toLowerCase();
  return /^ru/.test(l) ? "ru" : /^sr/.test(l) ? "sr-Latn" : "en";
}

// White or dark text on `hex` (#rrggbb, as the server normalises colours), whichever reads.
function textOn(hex) {
  const n = parseInt(hex.slice(1), 16);
  const c = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] + 0.05) >= 4.5 ? "#ffffff" : "#111827";
}

// The controls Tab reaches in `el`, in order, inside shadow roots too (a frame is one).
const TABBABLE = "a[href],button,input:not([type=hidden]),select,textarea,summary,iframe,[tabindex]";
function tabbable(el, out) {
  for (const c of (el.shadowRoot || el).children) {
    if (c.matches(TABBABLE) && !c.disabled && c.tabIndex >= 0 && c.getClientRects().length) out.push(c);
    tabbable(c, out);
  }
  return out;
}

// The element focus is really on, inside shadow roots too.
function focused() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

function make(name, attrs, parent) {
  const el = document.createElement(name);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(el);
  return el;
}

/** The launcher, for the API file's `api`: the loader's `ctx`, its events (`on`, `fire`),
 *  the tenant's `branding()`, `get(path)` (a GET with the customer's token), `watch()` to
 *  keep the unread count, `forced()` (the page's panelcare.launcher) and `wants(event)`. Gives open, close, toggle and place (the button
 *  shown or hidden). */
export function start(api) {
  const ctx = api.ctx;
  let current = null;
  let back = null;
  let count = 0;
  let look = {};
  // The tenant has an ideas board (GET /api/v1/ideas/board).
  let board = false;
  let texts = ENGLISH;
  let mounts = {};

  const host = make("div", { "data-panelcare-launcher": "" });
  // Out of the page's flow whatever the page's own rules: it never moves anything.
  Object.assign(host.style, { position: "fixed", top: "0", left: "0", width: "0", height: "0" });
  const root = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [sheet];
  const frame = make("div", { class: "pcl pcl-bare" }, root);
  const button = make("button", { type: "button", class: "pcl-button", "aria-expanded": "false", "aria-controls": "pcl-drawer", hidden: "" }, frame);
  const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  icon.appendChild(document.createElementNS(icon.namespaceURI, "path")).setAttribute("d", "M4 5h16v11H9l-5 4z");
  button.appendChild(icon);
  const badge = make("span", { class: "pcl-badge", "aria-hidden": "true", hidden: "" }, button);
  const drawer = make("div", { id: "pcl-drawer", class: "pcl-drawer", role: "dialog", "aria-labelledby": "pcl-title", tabindex: "-1", hidden: "" }, frame);
  const head = make("div", { class: "pcl-head" }, drawer);
  const title = make("h2", { id: "pcl-title" }, head);
  const shut = make("button", { type: "button", class: "pcl-close" }, head);
  shut.textContent = "×";
  const nav = make("nav", { class: "pcl-nav" }, drawer);
  const tabs = {};
  SECTIONS.forEach((s) => {
    const b = (tabs[s[0]] = make("button", { type: "button" }, nav));
    b.addEventListener("click", () => {
      if (current !== s[0]) {
        show(s[0]);
        api.fire("open", { kind: s[0] });
      }
    });
  });
  // The ideas board only where the tenant has one.
  tabs.ideas.hidden = true;
  const body = make("div", { class: "pcl-body" }, drawer);

  button.addEventListener("click", () => toggle());
  shut.addEventListener("click", () => close());
  // Escape from anywhere in the drawer, the widgets' own shadow roots included.
  drawer.addEventListener("keydown", (e) => {
    if (e.key === "Tab") backwards = e.shiftKey;
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.stopPropagation();
      close();
    }
  });
  // On a narrow screen the drawer covers the page (CSS below 481 px): a modal dialog, so
  // focus that leaves it by Tab goes round to its first control, by Shift+Tab to its last.
  const narrow = matchMedia("(max-width:480px)");
  narrow.addEventListener("change", () => drawer.setAttribute("aria-modal", narrow.matches));
  let backwards = false;
  let keeping = false;
  function wrap() {
    const all = tabbable(drawer, []);
    keeping = true;
    (all[backwards ? all.length - 1 : 0] || drawer).focus();
    keeping = false;
  }
  // Only focus that comes from the drawer (a page's own modal keeps its focus), once (two
  // such keepers would hand it back and forth). Also on our root: a move inside it, to the
  // button, is not told to the document.
  const keep = (e) => {
    const from = e.relatedTarget;
    if (!keeping && !drawer.hidden && narrow.matches && !e.composedPath().includes(drawer) && (from === host || root.contains(from))) wrap();
  };
  document.addEventListener("focusin", keep);
  root.addEventListener("focusin", keep);
  // Past the page's last control (no element takes focus).
  drawer.addEventListener("focusout", (e) => {
    if (narrow.matches && !e.relatedTarget) setTimeout(() => { if (!drawer.hidden && !root.activeElement) wrap(); });
  });
  if (document.body) document.body.appendChild(host);
  else document.addEventListener("DOMContentLoaded", () => document.body.appendChild(host));

  api.on("unread", (n) => {
    count = n;
    label();
  });

  // Whether the button shows: the page's panelcare.launcher, else its script tag, else the
  // tenant's branding; never for nobody (logged out).
  function wanted() {
    const o = ctx.options.launcher;
    const f = api.forced();
    return !ctx.out && (f !== null ? f : o === "on" || (o !== "off" && !!look.launcher));
  }

  function label() {
    const n = count ? ", " + texts.launcher_unread + ": " + count : "";
    button.setAttribute("aria-label", texts.launcher_open + n);
    badge.textContent = count > 99 ? "99+" : String(count);
    badge.hidden = !count;
  }

  // The tenant's look and the customer's language, then the words; only the newest dressing
  // is put on (one for an earlier customer or language may answer last).
  let dressing = 0;
  function dress() {
    const g = ++dressing;
    let b, on, words;
    return api.branding().catch(() => ({})).then((x) => {
      b = x;
      // Whether the tenant's customers have an ideas board, asked beside the words.
      const asked = api.get("ideas/board").then((r) => { on = r[0].board === true; }, () => { on = false; });
      return Promise.all([asked, ctx.host().then((h) => h.context()).catch(() => ({})).then((c) => {
        const langs = b.languages || [];
        let lang = tag(c.locale || document.documentElement.lang);
        if (langs.length && !langs.includes(lang)) lang = langs[0];
        const own = (b.strings || {})[lang];
        return fetch(ctx.base + "api/v1/texts/" + lang).then((r) => r.json()).then(
          (t) => { words = Object.assign({}, ENGLISH, t.texts, own); },
          () => { words = Object.assign({}, ENGLISH, lang === "en" ? own : null); },
        ).then(() => lang);
      })]).then((r) => r[1]);
    }).then((lang) => {
      if (g !== dressing) return dressed;
      look = b;
      board = on;
      texts = words;
      const primary = look.primary || "#1d4ed8";
      frame.style.setProperty("--bg", primary);
      frame.style.setProperty("--fg", textOn(primary));
      frame.style.setProperty("--ring", look.focus || primary);
      frame.classList.toggle("pcl-left", look.launcher_side === "left");
      frame.classList.toggle("pcl-dark", look.theme === "dark");
      frame.lang = lang;
      title.textContent = look.product_name || texts.launcher_open;
      shut.setAttribute("aria-label", texts.launcher_close);
      nav.setAttribute("aria-label", texts.launcher_open);
      SECTIONS.forEach((s) => { tabs[s[0]].textContent = texts[s[1]]; });
      tabs.ideas.hidden = !board;
      label();
      place();
    });
  }

  // Shows or hides the button; the drawer takes its corner when there is none.
  function place() {
    button.hidden = !wanted();
    frame.classList.toggle("pcl-bare", button.hidden);
    if (!button.hidden) {
      api.watch();
      // The widget is fetched and compiled while the page is idle, so opening is instant.
      (window.requestIdleCallback || setTimeout)(warm);
    }
  }

  // The widget, fetched and compiled (in our frames, the frame does it).
  function warm() {
    if (!ctx.framed) ctx.widget().catch(() => {});
  }

  // Only the section shown is drawn: one hidden would go on asking the server, and what it
  // read would count as read (drafts are kept in storage, so nothing typed is lost).
  function show(kind, given) {
    for (const k in mounts) {
      if (k !== kind || given) {
        ctx.unmount(mounts[k]);
        mounts[k].remove();
        delete mounts[k];
      }
    }
    if (!mounts[kind]) ctx.mount((mounts[kind] = make("div", { "data-panelcare": kind }, body)), given);
    SECTIONS.forEach((s) => tabs[s[0]].setAttribute("aria-current", String(s[0] === kind)));
    current = kind;
  }

  // The section a kind asked for opens: tickets for an unknown one; where the tenant has no
  // ideas board, an idea is a suggestion.
  function section(kind) {
    kind = ["tickets", "feedback", "ideas"].includes(kind) ? kind : "tickets";
    return kind === "ideas" && !board ? "feedback" : kind;
  }

  function open(kind, given) {
    if (ctx.out) return;
    kind = section(kind);
    given = given && typeof given === "object" ? given : null;
    // Already shown as asked: focus only, no second "open".
    if (!drawer.hidden && kind === current && !given) return drawer.focus();
    if (drawer.hidden) back = focused();
    drawer.hidden = false;
    drawer.setAttribute("aria-modal", narrow.matches);
    button.setAttribute("aria-expanded", "true");
    show(kind, given);
    drawer.focus();
    api.fire("open", { kind: kind });
    if (kind !== "ideas") warm();
  }

  function close() {
    if (drawer.hidden) return;
    // Asked before the drawer goes (hidden, it holds focus no more).
    const inside = drawer.contains(root.activeElement);
    drawer.hidden = true;
    button.setAttribute("aria-expanded", "false");
    // Closed is gone: the widgets stop asking the server; their drafts are kept.
    for (const k in mounts) {
      ctx.unmount(mounts[k]);
      mounts[k].remove();
    }
    mounts = {};
    const kind = current;
    current = null;
    const to = back && back !== document.body && back.isConnected ? back : !button.hidden && button;
    back = null;
    // Back to where it came from, only if it was in the drawer: a close the page asked for
    // (or a logout) leaves the customer's focus where it is.
    if (to && inside) to.focus();
    api.fire("close", { kind: kind });
  }

  function toggle(kind) {
    if (!drawer.hidden && (!kind || section(kind) === current)) close();
    else open(kind || current || "tickets");
  }

  // Another customer, none, or another language: the launcher follows (logged out, it closes).
  api.on("reset", () => {
    if (ctx.out) close();
    dressed = dress();
  });
  // The newest dressing: what open, close and toggle wait for (an older one that is
  // superseded waits for it too).
  let dressed = dress();

  return {
    open: (kind, given) => dressed.then(() => open(kind, given)),
    // After an open the page asked for just before (which waits for the words).
    close: () => dressed.then(close),
    toggle: (kind) => dressed.then(() => toggle(kind)),
    // Shown only once it has its words (a nameless button would be read out as such).
    place: () => dressed.then(place),
  };
}
