/* The demo billing page: shows what the offer's button asked for and, on confirm, has the
   demo server "buy" it; the server then reports the conversion signed, as WHMCS would. */
(function () {
  "use strict";
  var q = new URLSearchParams(window.location.search);
  var account = q.get("account") || "";
  var target = (q.get("kind") === "support" ? "support:" : "plan:") + (q.get("target") || "");
  document.querySelector('[data-billing="account"]').textContent = account;
  document.querySelector('[data-billing="target"]').textContent = target;
  document.getElementById("billing-back").href = "cpanel.html?customer=" + encodeURIComponent(account);
  var button = document.getElementById("billing-confirm");
  var result = document.getElementById("billing-result");
  button.addEventListener("click", function () {
    button.disabled = true;
    fetch("/demo-api/purchase", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ account: account, target: target }),
    })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (r) {
        if (!r.ok) throw new Error((r.body.error && r.body.error.message) || "The order failed.");
        var credit = r.body.credited_to;
        result.textContent = "Thank you! The order is done." +
          (credit ? " panelcare credited it to the offer “" + credit.rule + "”" + (credit.variant ? " (variant " + credit.variant + ")" : "") + "." : " No offer led to it.");
      })
      .catch(function (e) {
        result.textContent = e.message;
        button.disabled = false;
      });
  });
})();
