/* panelcare loader: finds <div data-panelcare="…"> mount points, gives each a shadow root,
   and loads the widget (WebAssembly) once a mount point is about to be seen.
   A plain script on purpose: no modules, no AMD/UMD wrapper, so it runs as-is on pages
   that use RequireJS (cPanel Jupiter) and under a strict Content-Security-Policy. */
(function () {
  "use strict";
  if (window.panelcare) return; // included twice: the first copy does the work

  var MANIFEST = /*MANIFEST*/null; // filled in by `cargo xtask build`
  // Widget kinds. Notices and offers draw nothing when nothing is announced or offered, so
  // they get no skeleton box ("bare").
  var KINDS = { feedback: 1, tickets: 1, notices: 1, offers: 1 };
  var BARE = { notices: 1, offers: 1 };
  var script = document.currentScript;
  var base = new URL(".", (script && script.src) || location.href).href;
  var options = (script && script.dataset) || {};
  var widget = null;
  var host = null;
  var origin = new URL(base).origin;
  var frames = [];

  // A page whose policy forbids WebAssembly gets the widget in a frame of panelcare's own
  // (/frame/<tenant>), which asks this page's host adapter for identity, context and usage.
  var FRAMED = (function () {
    try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return false; }
    catch (e) { return true; }
  })();

  function manifest() {
    if (MANIFEST) return Promise.resolve(MANIFEST);
    return fetch(base + "manifest.json", { cache: "no-cache" })
      .then(function (r) { return r.json(); })
      .then(function (m) { return (MANIFEST = m); });
  }

  // The host adapter: one the page defined itself, or one of ours named by data-host.
  function loadHost() {
    if (!host) {
      host = window.PanelcareHost
        ? Promise.resolve(window.PanelcareHost)
        : import(base + "adapters/" + (options.host || "standalone") + ".js").then(function (m) {
            return m.createHost(options);
          });
      // Ask who is looking while the widget downloads: the adapter keeps the answer, and the
      // widget's first request need not wait for a round trip after it starts.
      host.then(function (h) { return h.identity(); }).catch(function () {});
    }
    return host;
  }

  function loadWidget() {
    if (!widget) {
      widget = manifest().then(function (m) {
        return import(base + m.js).then(function (mod) {
          return mod.default({ module_or_path: base + m.wasm }).then(function () { return mod; });
        });
      });
    }
    return widget;
  }

  function whenNear(el, run) {
    if (!("IntersectionObserver" in window)) return run();
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { io.disconnect(); run(); }
    }, { rootMargin: "300px" });
    io.observe(el);
  }

  function mount(el) {
    if (el.panelcare) return el.panelcare;
    var kind = el.getAttribute("data-panelcare");
    if (!KINDS[kind]) { console.warn("panelcare: unknown widget kind", kind); return null; }
    var root = el.shadowRoot || el.attachShadow({ mode: "open" });
    if (FRAMED) return (el.panelcare = frameInto(root, kind));
    var container = document.createElement("div");
    container.className = BARE[kind] ? "pc-mount pc-bare" : "pc-mount pc-skeleton";
    container.setAttribute("aria-busy", "true");
    var state = (el.panelcare = { kind: kind, handle: null });
    var styled = manifest().then(function (m) {
      return new Promise(function (done) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = base + m.css;
        link.onload = link.onerror = done;
        root.appendChild(link);
        root.appendChild(container);
      });
    });
    // Notices and the offer card are what every dashboard shows: start them at once (the
    // notices float over the page; an offer drawn while below the fold moves nothing in view,
    // and counts as seen only once it is on screen).
    (BARE[kind] ? function (_, run) { run(); } : whenNear)(el, function () {
      Promise.all([loadWidget(), loadHost(), styled]).then(function (r) {
        if (!el.isConnected) return;
        container.className = BARE[kind] ? "pc-mount pc-bare" : "pc-mount";
        container.removeAttribute("aria-busy");
        state.handle = r[0].mount(container, kind, r[1], base.replace(/\/$/, ""));
      }).catch(function (err) {
        console.error("panelcare: the widget could not start", err);
        container.className = "pc-mount pc-failed";
        container.removeAttribute("aria-busy");
      });
    });
    return state;
  }

  function frameInto(root, kind) {
    var state = { kind: kind, handle: null };
    if (!options.tenant) {
      console.error("panelcare: this page forbids WebAssembly; set data-tenant on the script tag for the framed widget");
      return state;
    }
    var f = document.createElement("iframe");
    f.src = base + "frame/" + encodeURIComponent(options.tenant) + "?kind=" + kind +
      "#origin=" + encodeURIComponent(location.origin);
    f.title = "panelcare " + kind;
    f.style.border = "0";
    f.style.width = "100%";
    f.style.height = "0";
    f.style.display = "block";
    // The notices bar floats over the top of the page, as it does unframed: the page never moves.
    if (kind === "notices") {
      f.style.position = "fixed";
      f.style.top = f.style.left = "0";
      f.style.zIndex = "2147483000";
      f.style.maxHeight = "45vh";
    }
    root.appendChild(f);
    frames.push((state.frame = f));
    return state;
  }

  var CALLS = { identity: 1, context: 1, usage: 1, navigate: 1 };
  // Only our frames, from our origin, in our shape; anything else is ignored.
  window.addEventListener("message", function (e) {
    var f = frames.filter(function (x) { return x.contentWindow === e.source; })[0];
    var d = e.data;
    if (!f || e.origin !== origin || !d || typeof d !== "object" || d.panelcare !== 1) return;
    if (typeof d.height === "number") { f.style.height = Math.max(0, Math.min(d.height, 20000)) + "px"; return; }
    if (typeof d.id !== "number" || !CALLS[d.call]) return;
    var reply = function (m) { m.panelcare = 1; m.id = d.id; e.source.postMessage(m, origin); };
    loadHost().then(function (h) {
      if (d.call !== "navigate") return h[d.call]();
      var u = new URL(String(d.arg), location.href);
      if (!/^https?:$/.test(u.protocol)) throw new Error("refused: not a web address");
      h.navigate(u.href);
      return null;
    }).then(function (v) { reply({ ok: true, value: v === undefined ? null : v }); },
      function (err) { reply({ ok: false, error: String((err && err.message) || err) }); });
  });

  function unmount(el) {
    var state = el.panelcare;
    if (state && state.frame) frames = frames.filter(function (x) { return x !== state.frame; });
    if (state && state.handle) { state.handle.destroy(); state.handle = null; }
    delete el.panelcare;
  }

  function each(node, fn) {
    if (node.nodeType !== 1) return;
    if (node.hasAttribute("data-panelcare")) fn(node);
    node.querySelectorAll("[data-panelcare]").forEach(fn);
  }

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
    if (!FRAMED && document.querySelector("[data-panelcare]")) {
      (window.requestIdleCallback || setTimeout)(function () { loadWidget().catch(function () {}); });
    }
  }

  window.panelcare = { mount: mount, unmount: unmount, version: 1 };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
