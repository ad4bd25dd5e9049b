/* cPanel Jupiter configures RequireJS on every page and loads its own AMD modules. The demo
   does the same, so the panelcare loader is proven to live beside an AMD loader. */
require.config({ baseUrl: "/demo/", waitSeconds: 30 });
define("cpanel/demo-ready", [], function () { return true; });
require(["cpanel/demo-ready"], function () {
  document.documentElement.classList.add("requirejs-ready");
});
