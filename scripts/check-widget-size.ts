import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Run after the widget build (`npm run build`): what a host site's visitor downloads before
 * the chat can first paint: the loader (widget.js), the frame page and every script and
 * stylesheet it links, each gzipped as it travels. Issue #22 allows 60 kB; the build fails
 * above, so a heavy import into the widget is noticed when it is made.
 */
const BUDGET_KB = 60;
const dist = path.resolve(import.meta.dirname, "../web/dist/widget");

const frameHtml = fs.readFileSync(path.join(dist, "frame.html"), "utf8");
const files = ["widget.js", "frame.html"];
for (const match of frameHtml.matchAll(/(?:src|href)="\/widget\/(assets\/[^"]+)"/g))
  files.push(match[1] as string);

let total = 0;
const parts: string[] = [];
for (const file of files) {
  const size = gzipSync(fs.readFileSync(path.join(dist, file))).length;
  total += size;
  parts.push(`${file} ${(size / 1024).toFixed(1)}`);
}
const kb = total / 1024;
console.log(
  `chat widget first paint: ${kb.toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB): ${parts.join(", ")}`,
);
if (kb > BUDGET_KB) {
  console.error(`chat widget over budget by ${(kb - BUDGET_KB).toFixed(1)} kB`);
  process.exit(1);
}
