/* The widget in a frame of panelcare's own (/frame/<tenant>), for a page whose
   Content-Security-Policy forbids WebAssembly: the API file (www/api.js) loads this for the
   loader's mounts on such a page. The frame asks this page's host adapter for identity,
   context and usage through checked messages (www/adapters/frame-host.js is the other side):
   the page answers only its own frames, from panelcare's origin, in the expected shape, and
   names the target origin of every message. What the widget in the frame did comes the same
   way, for the page's events and the unread count. An ES module; `cargo xtask build`
   minifies it under a hashed name. */

// What our frames may ask of this page's host adapter.
const CALLS = ["identity", "context", "usage", "navigate"];

/** Listens to our frames; gives the function that puts one mount's widget in a frame. */
export function start(ctx) {
  const origin = new URL(ctx.base).origin;

  // Only our frames, from our origin, in our shape; anything else is ignored.
  window.addEventListener("message", (e) => {
    const s = ctx.mounts.find((x) => x.frame && x.frame.contentWindow === e.source);
    const d = e.data;
    if (!s || e.origin !== origin || !d || typeof d !== "object" || d.panelcare !== 1) return;
    if (typeof d.height === "number") {
      s.frame.style.height = Math.max(0, Math.min(d.height, 20000)) + "px";
      return;
    }
    // Escape in the frame: as if pressed on its mount (the launcher's drawer closes).
    if (d.escape) {
      s.el.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
      return;
    }
    // What the widget in the frame did. Its adapter's failures are this page's own, told once.
    if (d.event === "api" && d.detail) {
      if (d.detail.error !== "host") ctx.emit(d.event, d.detail);
      return;
    }
    if (typeof d.id !== "number" || !CALLS.includes(d.call)) return;
    const reply = (m) => {
      m.panelcare = 1;
      m.id = d.id;
      e.source.postMessage(m, origin);
    };
    ctx.host().then((h) => {
      if (d.call !== "navigate") return h[d.call]();
      const u = new URL(String(d.arg), location.href);
      if (!/^https?:$/.test(u.protocol)) throw new Error("refused: not a web address");
      h.navigate(u.href);
      return null;
    }).then((v) => reply({ ok: true, value: v === undefined ? null : v }),
      (err) => reply({ ok: false, error: String((err && err.message) || err) }));
  });

  // `given`: what panelcare.open writes into the new ticket or suggestion, which the frame's
  // own loader does with it.
  return (state, given) => {
    const o = ctx.options;
    if (!o.tenant) {
      return console.error("panelcare: this page forbids WebAssembly; set data-tenant on the script tag for the framed widget");
    }
    const f = document.createElement("iframe");
    f.src = ctx.base + "frame/" + encodeURIComponent(o.tenant) + "?kind=" + state.kind +
      "#origin=" + encodeURIComponent(location.origin) +
      (given ? "&prefill=" + encodeURIComponent(JSON.stringify(given)) : "");
    f.title = "panelcare " + state.kind;
    Object.assign(f.style, { border: "0", width: "100%", height: "0", display: "block" });
    // The notices bar floats over the top of the page, as it does unframed: the page never moves.
    if (state.kind === "notices") {
      Object.assign(f.style, { position: "fixed", top: "0", left: "0", zIndex: "2147483000", maxHeight: "45vh" });
    }
    state.root.appendChild(f);
    state.frame = f;
  };
}
