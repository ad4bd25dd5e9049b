/* The host page's API (README, "The host page's API"): what window.panelcare's methods do.
   The loader (www/panelcare.js) defines the methods and loads this file when a page first
   calls one, when the page's one-line stub queued calls before the loader came, when the
   tenant's branding wants the floating launcher, and on pages that forbid WebAssembly (the
   widget then comes in a frame of ours, also here). It starts the launcher's file
   (www/launcher.js) when the button or the drawer is wanted. An ES module; `cargo xtask
   build` minifies it under a hashed name. */

// What a page may subscribe to.
const EVENTS = ["ready", "open", "close", "unread", "ticket:created", "feedback:sent", "offer:clicked", "error"];
// Told again to who subscribes later: the API is ready, the last count.
const STICKY = ["ready", "unread"];
// The widget's storage (src/storage.rs): panelcare:v1:<adapter>:<account>:<name>.
const PREFIX = "panelcare:v1:";
// What the customer has read: <SEEN><id> holds when it was last changed (the loader keeps it).
const SEEN = PREFIX + "seen:";
// The launcher's and the iframe fallback's files: `cargo xtask build` puts their names in
// place of this string (a string, which the minifier keeps as it is).
const FILES = "__PANELCARE_FILES__";
// How often the unread count is asked for while the page is shown and someone shows it.
const POLL_MS = 60000;
function storage() {
  try { return window.localStorage; } catch (e) { return null; }
}

// A token's claims, read (not verified: the server does that) for the account and expiry;
// UTF-8, as the adapters read them (www/adapters/standalone.js), so an account is one name.
function claims(t) {
  try {
    const b = atob(t.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(b, (c) => c.charCodeAt(0))));
  } catch (e) { return {}; }
}

function pick(o, names) {
  const out = {};
  names.split(" ").forEach((n) => { if (o[n] !== undefined) out[n] = o[n]; });
  return out;
}

/** The API over the loader's `ctx` (its mounts, drawing, host adapter and widget); resolves
 *  once the adapter the widgets use follows it. */
export function start(ctx) {
  const origin = new URL(ctx.base).origin;
  const handlers = {};
  const fired = {};
  // panelcare.identify's token ({ token } or { get }); setLocale's language.
  let override = null;
  let locale = null;
  // The customer the widgets last asked about: [adapter name, account].
  let who = null;
  let look = ctx.look || null;
  let lookAsked = null;
  let launcherFile = null;
  let frames = null;
  // The launcher's button as the page's panelcare.launcher set it (null: as the branding says).
  let forced = null;
  let count;
  let timer = null;
  let asked = null;
  // The offer last shown, for the address of the one the customer followed.
  let offer = null;
  // Which customer answers are for: identify, logout and setLocale start a new one, and an
  // answer asked for before (a count, the branding) is dropped when it comes.
  let gen = 0;
  const tag = ctx.options.launcher;

  function fire(name, detail) {
    if (STICKY.includes(name)) fired[name] = [detail];
    (handlers[name] || []).slice().forEach((h) => call(h, detail));
  }

  function call(h, detail) {
    try { h(detail); } catch (e) { console.error("panelcare: an event handler failed", e); }
  }

  function on(name, h) {
    (handlers[name] = handlers[name] || []).push(h);
    if (fired[name]) call(h, fired[name][0]);
    return () => off(name, h);
  }

  function off(name, h) {
    handlers[name] = (handlers[name] || []).filter((x) => x !== h);
  }

  // What the widget did, as the loader saw it: one request and its answer, or a failure.
  function take(name, d) {
    if (d.error) return fire("error", { kind: d.error });
    const posted = d.method === "POST";
    // The customer followed the offer (the widget opens it whatever the server answers).
    if (posted && d.path === "/api/v1/offers/events") {
      let sent = {};
      try { sent = JSON.parse(d.sent); } catch (e) { /* not ours */ }
      const o = offer && offer.rule === sent.rule ? offer : {};
      if (sent.kind === "click") fire("offer:clicked", { rule: sent.rule, variant: sent.variant, url: o.cta_url });
    }
    // No answer, or one that says the server is down or busy (a refusal the widget shows).
    if (!d.status || d.status === 429 || d.status >= 500) return fire("error", { kind: "api", path: d.path });
    // Idea updates seen (answered with no body).
    if (d.path === "/api/v1/ideas/news/seen") refresh();
    const b = d.body;
    if (!b) return;
    if (d.path === "/api/v1/offers") offer = b.offer;
    // A widget read the branding (the check at start may have had no token yet).
    if (d.path === "/api/v1/branding") wanted(b);
    if (posted && d.path === "/api/v1/tickets" && b.ticket) {
      fire("ticket:created", pick(b.ticket, "id number subject department priority status due_at"));
    }
    if (posted && d.path === "/api/v1/feedback") fire("feedback:sent", pick(b, "id category rating status"));
    // A thread read or answered, the suggestions listed: the count may have changed.
    if (b.ticket || d.path === "/api/v1/feedback") refresh();
  }

  // panelcare.identify's token; a function is asked again a minute before its token expires.
  function token(h) {
    const o = override;
    if (!o) return h.identity();
    if (o.token && (!o.get || o.exp - Date.now() > 60000)) return Promise.resolve({ token: o.token });
    return o.wait || (o.wait = Promise.resolve().then(o.get).then((v) => {
      v = typeof v === "string" ? v : v && v.token;
      if (!v) throw new Error("panelcare.identify: no token");
      o.token = v;
      // Its lifetime counted on this device's clock (which may be off from the server's);
      // five minutes when the token does not say.
      const c = claims(v);
      o.exp = Date.now() + ((c.exp - c.iat) * 1000 || 3e5);
      return { token: v };
    }).finally(() => { o.wait = null; }));
  }

  // Who is looking, as the page's identify and setLocale say: the loader's adapter (whose
  // prototype is the page's) asks these from now on. A failure is the page's error event.
  const identity = (h) => (ctx.out ? Promise.reject(new Error("panelcare: logged out")) : token(h).catch((e) => {
    fire("error", { kind: "host", message: String((e && e.message) || e) });
    throw e;
  }));
  const context = (h, g = gen) => (override
    ? token(h).then((t) => {
      const c = claims(t.token);
      return h.context().catch(() => ({})).then((x) => ({ locale: c.locale || x.locale, account: c.sub, plan: c.plan }));
    })
    : h.context()
  ).then((x) => {
    x = Object.assign({}, x);
    if (locale) x.locale = locale;
    // Not when another customer came meanwhile: this answer is the one before.
    if (g === gen) who = [h.name || "unknown", x.account || "anonymous"];
    return x;
  });
  const following = ctx.host().then((w) => {
    const h = Object.getPrototypeOf(w);
    w.identity = () => identity(h);
    w.context = () => context(h);
  });

  // Every widget starts again as the customer now is (or, logged out, stays empty); our
  // frames do the same inside.
  function redraw(account) {
    gen++;
    ctx.mounts.forEach((s) => {
      const w = s.frame && s.frame.contentWindow;
      if (w) w.postMessage({ panelcare: 1, api: ctx.out ? "logout" : "identify", account: account }, origin);
      if (s.near && !s.frame) {
        // The old drawing's adapter (the loader's, of that drawing alone) answers no more:
        // what still runs in it (an outbox being sent) stops, its items kept for its account.
        if (s.host) s.host.identity = s.host.context = () => Promise.reject(new Error("panelcare: the customer changed"));
        if (s.handle) s.handle.destroy();
        s.handle = null;
        ctx.draw(s);
      }
    });
    look = lookAsked = null;
    // The last customer's count is not this one's: told again once asked (none, logged out).
    count = undefined;
    delete fired.unread;
    if (ctx.out) fire("unread", (count = 0));
    else refresh();
    fire("reset");
    check();
  }

  function identify(t) {
    override = t == null ? null : typeof t === "function" ? { get: t } : { token: typeof t === "string" ? t : t && t.token };
    ctx.out = false;
    who = null;
    redraw();
  }

  // Forgets the customer's drafts and what they read on this device; their outbox stays,
  // theirs alone (its name holds the account), and goes out when they are identified again.
  function forget(name, account) {
    const s = storage();
    const p = PREFIX + name + ":" + account + ":";
    // The names first: removing while walking the indexes may skip some.
    Object.keys(s || {}).forEach((k) => {
      if ((k.startsWith(p) && k !== p + "feedback-outbox") || k.startsWith(SEEN)) s.removeItem(k);
    });
  }

  // `account`: from the page, to our frame (whose storage it cannot reach).
  function logout(account) {
    const was = override;
    ctx.out = true;
    override = null;
    if (ctx.inFrame && typeof account === "string") {
      redraw();
      return forget("frame", account);
    }
    // Whose storage: the customer the widgets last asked about (at once, so an identify
    // right after finds it done), or else asked now of the identity just left (a token is
    // taken as the call starts); an identify or setLocale meanwhile has drawn already.
    const g = gen;
    const done = (k) => {
      if (g === gen) redraw(k && k[1]);
      if (k) forget(k[0], k[1]);
    };
    if (who) return Promise.resolve(done(who));
    return ctx.host().then((w) => {
      const now = override;
      override = was;
      // Asked for this logout alone: the answer never becomes `who` (gen -1 is no one's).
      const c = context(Object.getPrototypeOf(w), -1);
      override = now;
      return c.then((x) => [Object.getPrototypeOf(w).name || "unknown", x.account || "anonymous"]);
    }).then(done, () => done());
  }

  function setLocale(lang) {
    locale = lang ? String(lang) : null;
    redraw();
  }

  // Answers and changes the customer has not read: tickets support answered (and the customer
  // has not rated) since the customer last opened them, suggestions answered since the
  // customer last saw the list, read on this device (what the loader marked); and the ideas
  // board's updates (ideas the customer voted for that changed status or were merged) not
  // yet seen, which the server keeps (an empty list where the tenant has no board).
  function unread() {
    if (ctx.out) return Promise.resolve(0);
    return get("tickets", "feedback", "ideas/news").then((r) => {
      const s = storage();
      const fresh = (id, at) => !(s && Date.parse(s.getItem(SEEN + id)) >= Date.parse(at));
      let n = 0;
      (r[0].items || []).forEach((t) => {
        if ((t.status === "awaiting_customer" || (t.status === "resolved" && t.rating == null)) && fresh(t.id, t.updated_at)) n++;
      });
      (r[1].items || []).forEach((f) => { if (f.answered_at && fresh(f.id, f.answered_at)) n++; });
      return n + (r[2].items || []).length;
    });
  }

  // Asks again (several reasons at once ask once) and tells the page when the count changed.
  function refresh() {
    if (!timer) return;
    clearTimeout(asked);
    const g = gen;
    asked = setTimeout(() => unread().then((n) => {
      if (g === gen && n !== count) fire("unread", (count = n));
    }, (e) => console.warn(e)), 100);
  }

  // Keeps the count while someone shows it (the page's handlers, the launcher's button).
  function watch() {
    if (!timer) timer = setInterval(() => { if (!document.hidden) refresh(); }, POLL_MS);
    refresh();
  }

  // The tenant's branding, read with the customer's token (the launcher follows it).
  function branding() {
    if (look) return Promise.resolve(look);
    const g = gen;
    return lookAsked || (lookAsked = get("branding").then((r) => {
      if (g === gen) look = r[0];
      return r[0];
    }));
  }

  // The widget API's answers to GETs of `paths`, asked with one token of the customer's.
  function get(...paths) {
    return ctx.host().then((w) => w.identity()).then((t) => Promise.all(paths.map((path) =>
      fetch(ctx.base + "api/v1/" + path, { headers: { Authorization: "Bearer " + t.token } }).then((r) => {
        if (!r.ok) throw new Error("panelcare: /api/v1/" + path + " answered " + r.status);
        return r.json();
      }))));
  }

  // The launcher's file: its start is the button and the drawer; prefill() is also asked for
  // inside our frame, where there is neither.
  function file(name) {
    return import(ctx.base + FILES[name]);
  }

  function launcher() {
    return launcherFile || (launcherFile = file("launcher").then((m) => m.start({
      ctx: ctx,
      on: on,
      fire: fire,
      branding: branding,
      get: get,
      watch: watch,
      forced: () => forced,
      wants: (name) => !!(handlers[name] || []).length,
    })));
  }

  // The launcher's button, when the script tag or the tenant's branding wants it.
  function wanted(b) {
    if (!ctx.inFrame && tag !== "off" && (tag === "on" || b.launcher)) launcher();
  }

  // Asked at start (once the calls the page queued, an identify among them, are done) and
  // for each new customer.
  function check() {
    if (!ctx.inFrame && tag !== "off" && !launcherFile) (tag === "on" ? Promise.resolve({}) : branding()).then(wanted, () => {});
  }
  following.then(() => setTimeout(check));
  fire("ready");

  const api = {
    take: take,
    // What panelcare.open writes into the new ticket or suggestion before its widget starts.
    prefill: (kind, given) => Promise.all([file("launcher"), ctx.host()])
      .then((r) => r[0].prefill(r[1], kind, given))
      .catch((e) => console.error("panelcare: could not prefill", e)),
    // A page whose policy forbids WebAssembly: the widget in a frame of ours (www/frame.js).
    frame: (state, given) => {
      frames = frames || file("frame").then((m) => m.start(ctx));
      return frames.then((f) => f(state, given));
    },
    identify: identify,
    logout: logout,
    setLocale: setLocale,
    on: (name, h) => {
      if (!EVENTS.includes(name) || typeof h !== "function") {
        console.warn("panelcare.on: no such event", name);
        return () => {};
      }
      if (name === "unread") watch();
      return on(name, h);
    },
    off: off,
    unread: unread,
    launcher: (show) => {
      forced = show !== false;
      return launcher().then((l) => l.place());
    },
  };
  ["open", "close", "toggle"].forEach((n) => {
    api[n] = function () {
      const a = arguments;
      return launcher().then((l) => l[n].apply(null, a));
    };
  });
  return following.then(() => api);
}
