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
    whenNear(el, function () {
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

  function unmount(el) {
    var state = el.panelcare;
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
    if (document.querySelector("[data-panelcare]")) {
      (window.requestIdleCallback || setTimeout)(function () { loadWidget().catch(function () {}); });
    }
  }

  window.panelcare = { mount: mount, unmount: unmount, version: 1 };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
