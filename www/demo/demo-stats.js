/* The cPanel demo's Statistics box, drawn from the same host adapter the widget asks: the
   figures customers see here are the ones the offers are chosen by. */
import { createHost } from "/adapters/demo.js";

var UNITS = { disk: "bytes", bandwidth: "bytes", inodes: "count", mail_accounts: "count", databases: "count" };
var GB = 1024 * 1024 * 1024;

function write(metric, v) {
  if (v === null || v === undefined) return "∞";
  if (UNITS[metric] === "bytes") {
    return v >= GB ? (Math.round((v / GB) * 10) / 10) + " GB" : Math.round(v / (1024 * 1024)) + " MB";
  }
  return Math.round(v).toLocaleString("en");
}

var box = document.getElementById("demo-stats");
var status = box && box.querySelector("[data-stats-status]");
if (box) {
  createHost({}).usage().then(function (usage) {
    status.hidden = true;
    Object.keys(UNITS).forEach(function (metric) {
      var row = box.querySelector('[data-metric="' + metric + '"]');
      var m = usage[metric];
      if (!row || !m) return;
      var used = Number(m.used);
      var limit = m.limit === null || m.limit === undefined ? null : Number(m.limit);
      var pct = limit ? Math.round((used / limit) * 100) : null;
      row.querySelector(".stat-value").innerHTML = "";
      row.querySelector(".stat-value").append(write(metric, used) + " / " + write(metric, limit) + " ");
      if (pct !== null) {
        var span = document.createElement("span");
        span.className = "stat-pct";
        span.textContent = "(" + pct + "%)";
        row.querySelector(".stat-value").append(span);
      }
      var meter = row.querySelector("meter");
      meter.max = limit || Math.max(used, 1);
      meter.low = meter.max * 0.8;
      meter.high = meter.max * 0.9;
      meter.value = limit ? used : 0;
      meter.textContent = write(metric, used) + " / " + write(metric, limit);
      var note = row.querySelector(".stat-note");
      row.classList.toggle("stat-warn", pct !== null && pct >= 80);
      if (pct !== null && pct >= 80 && UNITS[metric] === "bytes") {
        note.textContent = "Almost full: " + write(metric, limit - used) + " left.";
        note.hidden = false;
      }
      row.hidden = false;
    });
    var plan = document.querySelector("[data-demo-plan]");
    if (plan && usage.plan) plan.textContent = usage.plan.replace(/(^|-)(\w)/g, function (_, d, c) { return (d ? " " : "") + c.toUpperCase(); });
  }).catch(function () {
    status.textContent = "Your usage could not be loaded.";
  });
}
