import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm start`: build the web app when its build is missing or older than its sources, then
 * run the server in this same process (so Ctrl-C and SIGTERM reach it directly).
 */
const root = path.resolve(import.meta.dirname, "..");
const built = path.join(root, "web/dist/server/entry-server.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(
  newestMtime(path.join(root, "web/src")),
  newestMtime(path.join(root, "contracts")),
  newestMtime(path.join(root, "web/widget")),
  fs.statSync(path.join(root, "web/index.html")).mtimeMs,
);
if (sourcesAt > builtAt) {
  console.log("Building the web app (first start, or its sources changed)…");
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server's config defaults to production; React reads NODE_ENV itself when the page
// renderer loads, and without this it would render every server-side page with its development
// build (about three times slower: 20 ms instead of 6 for a help page on two cores).
process.env.NODE_ENV ??= "production";
await import("../server/src/main.ts");
