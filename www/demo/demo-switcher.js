/* The demo bar: which demo customer the page shows. The panelcare demo adapter reads the same
   ?customer=…&lang=… parameters; this script only makes the host page match them. It runs on
   every demo page and leaves alone whatever a page does not have. */
(function () {
  "use strict";
  var PEOPLE = {
    alice: {
      user: "demo-alice", name: "Alice Baker", first: "Alice", email: "alice@alice-bakery.example",
      domain: "alice-bakery.example", home: "/home/alicebak", lang: "en",
    },
    boris: {
      user: "demo-boris", name: "Борис Петров", first: "Борис", email: "boris@petrov-studio.example",
      domain: "petrov-studio.example", home: "/home/borispet", lang: "ru",
    },
    milica: {
      user: "demo-milica", name: "Milica Jovanović", first: "Milica", email: "milica@jovanovic.example",
      domain: "jovanovic.example", home: "/home/milicajo", lang: "sr",
    },
  };

  var query = new URLSearchParams(window.location.search);
  var customer = query.get("customer") || "alice";
  if (!Object.prototype.hasOwnProperty.call(PEOPLE, customer)) customer = "alice";
  var who = PEOPLE[customer];
  var lang = query.get("lang") || who.lang;
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) lang = who.lang;

  // Serbian is shown in Latin script.
  document.documentElement.lang = lang === "sr" ? "sr-Latn" : lang;

  document.querySelectorAll("[data-demo-customer]").forEach(function (a) {
    if (a.getAttribute("data-demo-customer") === customer) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });

  document.querySelectorAll("[data-demo]").forEach(function (el) {
    var key = el.getAttribute("data-demo");
    if (Object.prototype.hasOwnProperty.call(who, key)) el.textContent = who[key];
  });

  // How much the customer uses (the demo adapter's usage profile): near the plan's limits
  // or light. Switching it changes the offer the dashboard shows.
  var usage = query.get("usage") === "light" ? "light" : "near";
  document.querySelectorAll("a[data-demo-usage]").forEach(function (a) {
    var mine = a.getAttribute("data-demo-usage");
    a.setAttribute("href", "?customer=" + encodeURIComponent(customer) + "&lang=" + encodeURIComponent(lang) + "&usage=" + mine);
    if (mine === usage) a.setAttribute("aria-current", "true");
    else a.removeAttribute("aria-current");
  });
  document.querySelectorAll("a[data-demo-customer]").forEach(function (a) {
    a.setAttribute("href", a.getAttribute("href").split("&usage=")[0] + "&usage=" + usage);
  });

  // The host page's API, as a panel would use it: a control of the page's own opens the
  // drawer on a new ticket about this page (loading the API only when pressed).
  document.querySelectorAll("[data-demo-open]").forEach(function (b) {
    b.addEventListener("click", function () {
      if (window.panelcare && window.panelcare.open) {
        window.panelcare.open(b.getAttribute("data-demo-open"), { subject: "A question about " + document.title });
      }
    });
  });

  // Links to the other demo page keep the customer, language and usage.
  var keep = "?customer=" + encodeURIComponent(customer) + "&lang=" + encodeURIComponent(lang) + "&usage=" + usage;
  document.querySelectorAll("a[data-demo-keep]").forEach(function (a) {
    a.setAttribute("href", a.getAttribute("href").split("?")[0] + keep);
  });
})();
