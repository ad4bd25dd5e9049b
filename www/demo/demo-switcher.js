/* The demo bar: which demo customer the page shows. The panelcare demo adapter reads the same
   ?customer=…&lang=… parameters. */
(function () {
  "use strict";
  var query = new URLSearchParams(window.location.search);
  var customer = query.get("customer") || "alice";
  var lang = query.get("lang") || { alice: "en", boris: "ru", milica: "sr" }[customer] || "en";
  document.documentElement.lang = lang === "sr" ? "sr-Latn" : lang;
  document.querySelectorAll("[data-demo-customer]").forEach(function (a) {
    if (a.getAttribute("data-demo-customer") === customer) a.setAttribute("aria-current", "page");
  });
  var people = {
    alice: { user: "alicebak", name: "Alice Baker", domain: "alice-bakery.example" },
    boris: { user: "borisp", name: "Борис Петров", domain: "petrov-studio.example" },
    milica: { user: "milicaj", name: "Milica Jovanović", domain: "jovanovic.example" },
  };
  var who = people[customer] || people.alice;
  document.querySelectorAll("[data-demo-user]").forEach(function (el) { el.textContent = who.user; });
  document.querySelectorAll("[data-demo-name]").forEach(function (el) { el.textContent = who.name; });
  document.querySelectorAll("[data-demo-domain]").forEach(function (el) { el.textContent = who.domain; });
  document.querySelectorAll("[data-demo-home]").forEach(function (el) { el.textContent = "/home/" + who.user; });
})();
