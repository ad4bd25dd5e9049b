/* panelcare loader: finds <div data-panelcare="…"> mount points, gives each a shadow root,
   and loads the widget (WebAssembly) once a mount point is about to be seen.
   It also defines the page's API, window.panelcare (README, "The host page's API"), whose
   work is done by a file of its own (www/api.js), loaded when a page first calls it, when
   the page's one-line stub queued calls before the loader came (they are done first, in
   order), when the tenant's branding wants the floating launcher, and on pages that forbid
   WebAssembly (the widget then comes in a frame of ours). A dashboard that only shows the
   widgets downloads none of it. What the loader keeps itself: the widget's requests go
   through it, so it knows what the customer has read (for the unread count) and can tell
   the API file what happened.
   A plain script on purpose: no modules, no AMD/UMD wrapper, so it runs as-is on pages
   that use RequireJS (cPanel Jupiter) and under a strict Content-Security-Policy. */
(function () {
  "use strict";
  var stub = window.panelcare;
  if (stub && stub.version) return; // included twice: the first copy does the work

  var MANIFEST = /*MANIFEST*/null; // filled in by `cargo xtask build`
  // Widget kinds. Notices and offers draw nothing when nothing is announced or offered, so
  // they get no skeleton box ("bare"). The ideas board is a module of its own (www/views).
  var KINDS = { feedback: 1, tickets: 1, notices: 1, offers: 1, ideas: 1 };
  var BARE = { notices: 1, offers: 1 };
  var script = document.currentScript;
  var base = new URL(".", (script && script.src) || location.href).href;
  var options = (script && script.dataset) || {};
  var widget = null;
  var host = null;
  var api = null;
  // The API file, once something asked for it: widgets drawn from then on wait for it, so a
  // customer identified through the API is the one they show.
  var gate = null;
  var mounts = [];
  // Inside panelcare's own frame the adapter is frame-host.js: what happens goes to the page.
  var inFrame = window.PanelcareHost && window.PanelcareHost.name === "frame";

  // A page whose policy forbids WebAssembly gets the widget in a frame of panelcare's own
  // (/frame/<tenant>), which asks this page's host adapter for identity, context and usage.
  var FRAMED = (function () {
    try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return false; }
    catch (e) { return true; }
  })();

  // What the widget did ("api": one request and its answer, or a widget that could not
  // start), for the API file.
  function emit(name, detail) {
    if (inFrame) return window.PanelcareHost.emit(name, detail);
    var b = detail.body || 0;
    // What the customer has read, for the unread count: a ticket's thread as it was when
    // shown, the answers in the list of suggestions. By id (never shared between accounts),
    // on this device, whether or not the page uses the API.
    try {
      (b.ticket ? [b.ticket] : b.items || []).forEach(function (x) {
        var at = b.ticket ? x.updated_at : x.answered_at;
        if (at) localStorage.setItem("panelcare:v1:seen:" + x.id, at);
      });
    } catch (e) { /* no storage */ }
    // The tenant's branding wants the floating launcher (unless the script tag says no).
    if (b.launcher && options.launcher !== "off") more(ctx.look = b);
    if (api) api.then(function (a) { a.take(name, detail); });
  }

  // The widget's requests (see src/host.rs), told to emit() with their answers.
  function send(url, init) {
    var sent = fetch(url, init);
    var d = { method: init.method, path: new URL(url).pathname, sent: init.body };
    sent.then(function (r) {
      d.status = r.status;
      return r.ok && r.clone().json();
    }).catch(function () {}).then(function (b) {
      d.body = b;
      emit("api", d);
    });
    return sent;
  }

  // The adapter as the widget sees it: the page's (its prototype), its requests through
  // send(). The API file gives it who is looking as the page says (identify, setLocale).
  function wrap(h) {
    var w = Object.create(h);
    w.fetch = send;
    return w;
  }

  // The host adapter: one the page defined itself, or one of ours named by data-host.
  function loadHost() {
    if (!host) {
      host = (window.PanelcareHost
        ? Promise.resolve(window.PanelcareHost)
        : import(base + "adapters/" + (options.host || "standalone") + ".js").then(function (m) {
            return m.createHost(options);
          })).then(wrap);
      // Ask who is looking while the widget downloads: the adapter keeps the answer, and the
      // widget's first request need not wait for a round trip after it starts.
      host.then(function (h) { return h.identity(); }).catch(function () {});
    }
    return host;
  }

  function loadWidget() {
    if (!widget) {
      widget = import(base + MANIFEST.js).then(function (mod) {
        return mod.default({ module_or_path: base + MANIFEST.wasm }).then(function () { return mod; });
      });
    }
    return widget;
  }

  // The API file, started once. A widget does not depend on it: drawn all the same should
  // it fail.
  function more() {
    return api || (gate = (api = import(base + MANIFEST.api).then(function (m) { return m.start(ctx); })).catch(console.error), api);
  }

  function whenNear(el, run) {
    if (!("IntersectionObserver" in window)) return run();
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { io.disconnect(); run(); }
    }, { rootMargin: "300px" });
    io.observe(el);
  }

  // `prefill`: what panelcare.open writes into the new ticket or suggestion (see www/api.js).
  function mount(el, prefill) {
    if (el.panelcare) return el.panelcare;
    var kind = el.getAttribute("data-panelcare");
    if (!KINDS[kind]) { console.warn("panelcare: unknown widget kind", kind); return null; }
    var root = el.shadowRoot || el.attachShadow({ mode: "open" });
    var state = (el.panelcare = { el: el, kind: kind, root: root });
    mounts.push(state);
    if (FRAMED) {
      more().then(function (a) { a.frame(state, prefill); });
      return state;
    }
    var box = (state.box = document.createElement("div"));
    box.className = BARE[kind] ? "pc-mount pc-bare" : "pc-mount pc-skeleton";
    box.setAttribute("aria-busy", "true");
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + MANIFEST.css;
    state.styled = new Promise(function (done) { link.onload = link.onerror = done; });
    root.appendChild(link);
    root.appendChild(box);
    // In our frame, what the page's panelcare.open asked for comes with the frame's address.
    prefill = prefill || (inFrame && window.PanelcareHost.prefill);
    if (prefill) state.before = more().then(function (a) { return a.prefill(kind, prefill); });
    // Notices and the offer card are what every dashboard shows: start them at once (the
    // notices float over the page; an offer drawn while below the fold moves nothing in view,
    // and counts as seen only once it is on screen).
    (BARE[kind] ? function (_, run) { run(); } : whenNear)(el, function () { draw(state); });
    return state;
  }

  // Draws (or, after the API's identify, logout or setLocale, draws again) one widget.
  function draw(state) {
    var box = state.box;
    state.near = 1;
    // The ideas board is fetched only where a page shows it.
    var view = state.kind == "ideas" ? import(base + "views/ideas.js") : loadWidget();
    Promise.all([view, loadHost(), state.styled, state.before, gate]).then(function (r) {
      if (!state.el.isConnected || state.handle || ctx.out) return;
      box.classList.remove("pc-skeleton");
      box.removeAttribute("aria-busy");
      // An adapter of this drawing's own: when the API draws the widget again for another
      // customer, it cuts this one off, so nothing still running in the old drawing (a
      // suggestion being sent from its outbox) can ask for the new customer's token.
      state.handle = r[0].mount(box, state.kind, state.host = Object.create(r[1]), base.slice(0, -1));
    }).catch(function (err) {
      console.error("panelcare: the widget could not start", err);
      box.className = "pc-mount pc-failed";
      box.removeAttribute("aria-busy");
      emit("api", { error: "start" });
    });
  }

  function unmount(el) {
    var state = el.panelcare;
    if (state && state.handle) state.handle.destroy();
    if (state && state.frame) state.frame.remove();
    mounts.splice(mounts.indexOf(state) >>> 0, 1);
    delete el.panelcare;
  }

  function each(node, fn) {
    if (node.nodeType !== 1) return;
    if (node.hasAttribute("data-panelcare")) fn(node);
    node.querySelectorAll("[data-panelcare]").forEach(function (el) { fn(el); });
  }

  function idle(run) { (window.requestIdleCallback || setTimeout)(run); }

  function start() {
    each(document.documentElement, mount);
    // Panels that draw pages in JavaScript add and remove mount points later.
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        r.addedNodes.forEach(function (n) { each(n, mount); });
        r.removedNodes.forEach(function (n) { each(n, function (el) { if (!el.isConnected) unmount(el); }); });
      });
    }).observe(document.documentElement, { childList: true, subtree: true });
    // Fetch and compile the widget while the browser is idle, so opening it is instant.
    if (!FRAMED && mounts.length) idle(function () { loadWidget().catch(function () {}); });
    // The floating launcher, when the script tag asks for it, or the tenant's branding does:
    // read by the first widget, or, on a page with none, by the API file, fetched while idle.
    if (options.launcher === "on") more();
    else if (!inFrame && !mounts.length && options.launcher !== "off") idle(more);
  }

  var panelcare = stub || {};
  // What the API file works with.
  var ctx = {
    base: base, options: options, framed: FRAMED, inFrame: inFrame,
    mounts: mounts, mount: mount, unmount: unmount, draw: draw, emit: emit,
    host: loadHost, widget: loadWidget, api: panelcare,
  };
  panelcare.version = 2;
  panelcare.mount = mount;
  panelcare.unmount = unmount;
  "open close toggle launcher identify logout setLocale on off unread".split(" ").forEach(function (name) {
    panelcare[name] = function () {
      var a = arguments;
      var done = more().then(function (x) { return x[name].apply(null, a); });
      return name === "on" ? function () { panelcare.off(a[0], a[1]); } : done;
    };
  });

  // Calls made before the loader came, through the stub, in order; what the stub hands out
  // later (an unsubscribe) reaches its queue, and runs at once.
  function run(c) {
    var r = panelcare[c[0]].apply(null, c[1]);
    if (c[2]) c[2](r);
  }
  var queue = (stub && stub.q) || [];
  window.panelcare = panelcare;
  queue.forEach(run);
  queue.push = run;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
