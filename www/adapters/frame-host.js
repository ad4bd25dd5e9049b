/* The host shim inside the widget's own frame (/frame/<tenant>): identity, context and usage
   are asked of the panel page that embeds the frame, through postMessage, and only its
   answers count: a message from any other window, another origin, or of another shape is
   ignored. The panel's origin comes from the frame address (#origin=…), and the server's
   frame-ancestors policy decides which panels may embed the frame at all. What happens in the
   widget (a ticket opened, a suggestion sent…) goes to the page for its panelcare.on
   handlers; the page's panelcare.logout and identify reach the widget here. Every message
   names its target origin. A plain script: it must define window.PanelcareHost before the
   loader runs. */
(function () {
  "use strict";
  var hash = window.location.hash.slice(1);
  var m = /(?:^|&)origin=([^&]+)/.exec(hash);
  var parentOrigin = m ? decodeURIComponent(m[1]) : "";
  // What the page's panelcare.open asked to write into the form (the loader fills it in).
  var p = /(?:^|&)prefill=([^&]+)/.exec(hash);
  var prefill = null;
  try { prefill = p ? JSON.parse(decodeURIComponent(p[1])) : null; } catch (e) { /* ignored */ }
  if (!/^https?:\/\/[^/]+$/.test(parentOrigin) || window.parent === window) return;
  var next = 1;
  var waiting = {};

  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || e.origin !== parentOrigin) return;
    var d = e.data;
    if (!d || typeof d !== "object" || d.panelcare !== 1) return;
    // The page signed another customer in, or out: the loader here draws again, or forgets.
    if (d.api === "logout") return window.panelcare.logout(typeof d.account === "string" ? d.account : undefined);
    if (d.api === "identify") return window.panelcare.identify();
    if (typeof d.id !== "number") return;
    var w = waiting[d.id];
    if (!w) return;
    delete waiting[d.id];
    if (d.ok === true) w.resolve(d.value);
    else w.reject(new Error(typeof d.error === "string" ? d.error : "the panel could not answer"));
  });

  function call(name, arg) {
    return new Promise(function (resolve, reject) {
      var id = next++;
      waiting[id] = { resolve: resolve, reject: reject };
      window.parent.postMessage({ panelcare: 1, id: id, call: name, arg: arg }, parentOrigin);
      setTimeout(function () {
        if (waiting[id]) { delete waiting[id]; reject(new Error("the panel did not answer")); }
      }, 15000);
    });
  }

  function object(v, what) {
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("the panel's " + what + " is not an object");
    return v;
  }

  window.PanelcareHost = {
    name: "frame",
    identity: function () {
      return call("identity").then(function (v) {
        if (!v || typeof v.token !== "string" || !v.token) throw new Error("the panel gave no token");
        return { token: v.token };
      });
    },
    context: function () {
      return call("context").then(function (v) {
        v = object(v, "context");
        var s = function (x) { return typeof x === "string" ? x : undefined; };
        return { locale: s(v.locale), account: s(v.account), plan: s(v.plan) };
      });
    },
    usage: function () { return call("usage").then(function (v) { return object(v, "usage"); }); },
    navigate: function (url) { call("navigate", String(url)).catch(function () {}); },
    emit: function (name, detail) {
      // What the page reads of a request (its events and unread marks): a file being
      // uploaded, or any body that is not JSON text, stays in the frame.
      var d = {};
      for (var k in detail) d[k] = detail[k];
      if (typeof d.sent !== "string") delete d.sent;
      window.parent.postMessage({ panelcare: 1, event: name, detail: d }, parentOrigin);
    },
    prefill: prefill && typeof prefill === "object" ? prefill : null,
  };

  // Escape in the widget closes the drawer the frame may be in (keys stay in the frame).
  window.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !e.defaultPrevented) window.parent.postMessage({ panelcare: 1, escape: 1 }, parentOrigin);
  });

  // The frame is as tall as the widget: the panel page sizes the iframe. The body's own height,
  // not the document's scroll height, which never falls below the frame's current height (a
  // hidden notices bar would leave an invisible strip over the page).
  if ("ResizeObserver" in window) {
    new ResizeObserver(function () {
      var height = Math.ceil(document.body.getBoundingClientRect().height);
      window.parent.postMessage({ panelcare: 1, height: height }, parentOrigin);
    }).observe(document.body);
  }
})();
