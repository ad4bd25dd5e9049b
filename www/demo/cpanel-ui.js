/* cPanel demo page behaviour, as on Jupiter: tool groups fold, the search box filters tools,
   and "/" jumps to the search box. Nothing here touches the panelcare widget. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  var search = document.getElementById("cp-search");
  var noMatch = document.getElementById("cp-nomatch");
  if (!main) return;

  function toggles() { return main.querySelectorAll(".group-toggle"); }
  function listOf(button) { return document.getElementById(button.getAttribute("aria-controls")); }
  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var list = listOf(button);
    if (list) list.hidden = !open;
  }

  toggles().forEach(function (button) {
    button.addEventListener("click", function () {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    });
  });

  function filter() {
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    main.querySelectorAll(".group").forEach(function (group) {
      var inGroup = 0;
      group.querySelectorAll(".tools > li").forEach(function (li) {
        var hit = !q || li.textContent.toLowerCase().indexOf(q) !== -1;
        li.hidden = !hit;
        if (hit) inGroup += 1;
      });
      group.hidden = inGroup === 0;
      if (q && inGroup) {
        var button = group.querySelector(".group-toggle");
        if (button) setOpen(button, true);
      }
      shown += inGroup;
    });
    if (noMatch) noMatch.hidden = shown !== 0;
  }

  if (search) {
    search.addEventListener("input", filter);
    search.form.addEventListener("submit", function (e) { e.preventDefault(); filter(); });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      // Not while the customer is typing anywhere, including inside the widget's shadow root.
      var target = (e.composedPath && e.composedPath()[0]) || e.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      e.preventDefault();
      search.focus();
    });
  }
})();
