/* The host shim inside the widget's own frame (/frame/<tenant>): identity, context and usage
   are asked of the panel page that embeds the frame, through postMessage, and only its
   answers count: a message from any other window, another origin, or of another shape is
   ignored. The panel's origin comes from the frame address (#origin=…), and the server's
   frame-ancestors policy decides which panels may embed the frame at all. A plain script:
   it must define window.PanelcareHost before the loader runs. */
(function () {
  "use strict";
  var m = /(?:^|[#&])origin=([^&]+)/.exec(window.location.hash.slice(1));
  var parentOrigin = m ? decodeURIComponent(m[1]) : "";
  if (!/^https?:\/\/[^/]+$/.test(parentOrigin) || window.parent === window) return;
  var next = 1;
  var waiting = {};

  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || e.origin !== parentOrigin) return;
    var d = e.data;
    if (!d || typeof d !== "object" || d.panelcare !== 1 || typeof d.id !== "number") return;
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
  };

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
