// What the widget does to the panel page, as `cargo xtask bench` reports it: the summary of
// the three e2e measurements it has just run (tests/e2e/weight, layout and first-content),
// read from their reports in the artifacts directory given as the first argument.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const read = (name) => {
  const path = join(dir, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
};

const wire = read("wire.json");
if (wire) {
  console.log("widget on the wire (cPanel demo dashboard as Alice, cold; bytes as received):");
  for (const [viewport, r] of Object.entries(wire)) {
    for (const f of r.files) console.log(`  ${viewport}  ${f.path.padEnd(44)} ${f.encoding.padEnd(5)} ${String(f.bytes).padStart(8)} B`);
    console.log(`  ${viewport}  total ${r.cold} B cold, ${r.warm} B warm`);
  }
} else console.log("widget on the wire: no report (the weight test did not finish)");

const layout = read("layout-shift.json");
if (layout) {
  console.log("layout shift (CLS) per demo panel, viewport and visit:");
  for (const r of layout) console.log(`  ${r.page.padEnd(18)} ${r.viewport.padEnd(9)} ${r.visit.padEnd(5)} ${r.cls.toFixed(4)}`);
} else console.log("layout shift: no report (the layout test did not finish)");

const first = read("first-content.json");
if (first) {
  console.log(`time to first content from the mount entering the view (limits at ${first.throttles[0]}× CPU: cold ${first.limits.cold} ms, warm ${first.limits.warm} ms${first.held ? "" : "; not held yet"}):`);
  for (const [kind, byRate] of Object.entries(first.kinds)) {
    for (const [rate, t] of Object.entries(byRate)) console.log(`  ${kind.padEnd(9)} CPU ${rate.padEnd(3)} cold ${String(t.cold).padStart(5)} ms   warm ${String(t.warm).padStart(5)} ms`);
  }
  console.log("long tasks (ms):");
  for (const [when, t] of Object.entries(first.longTasks)) console.log(`  ${when.padEnd(20)} ${JSON.stringify(t)}`);
} else console.log("first content: no report (the first-content test did not finish)");
