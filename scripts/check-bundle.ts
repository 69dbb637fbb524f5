import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Run after the client build (`npm run build`): what the browser downloads to show the inbox
 * first (the entry chunk, the inbox page's chunk, everything they import statically, and
 * their CSS), gzipped as it travels. Fails the build over the budget, so a change that pulls a
 * heavy library into the first load is noticed when it is made, not by a user on a slow line.
 */
// Issue 13's goal. Measured 313 kB after the split by route, 296 kB once Mantine's stylesheet
// was cut to the components we use (web/src/ui/mantineStyles.ts), contracts' unused schemas
// were tree-shaken (web/vite.config.ts) and the escalation API left the entry. What is left is
// mostly React, Mantine, zod (response validation) and every English string.
const BUDGET_KB = 300;
const ROUTE = "src/features/inbox/InboxPage.tsx";

type Chunk = { file: string; imports?: string[]; css?: string[] };
const dist = path.resolve(import.meta.dirname, "../web/dist/client");
const manifest = JSON.parse(fs.readFileSync(path.join(dist, ".vite/manifest.json"), "utf8")) as Record<
  string,
  Chunk
>;

const files = new Set<string>();
function collect(key: string) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest: is the inbox still a page of its own?`);
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) collect(imported);
}
collect("index.html");
collect(ROUTE);

let total = 0;
for (const file of files) total += gzipSync(fs.readFileSync(path.join(dist, file))).length;
const kb = total / 1024;
console.log(`inbox first load: ${kb.toFixed(1)} kB gzipped in ${files.size} files (budget ${BUDGET_KB} kB)`);
if (kb > BUDGET_KB) {
  console.error(`over budget by ${(kb - BUDGET_KB).toFixed(1)} kB: ${[...files].join(", ")}`);
  process.exit(1);
}
