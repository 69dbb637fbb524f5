import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The widget's built files (web/dist/widget, made by `npm run build`): the loader `widget.js`,
 * `frame.html` and the frame's hashed assets. Read once and kept in memory (about 60 kB).
 * Outside production a missing or stale build is made on first use (like scripts/start.ts does
 * for the app), so tests and `npm run dev` need no separate step; production never builds.
 */
const root = path.resolve(import.meta.dirname, "../../../../..");
const distDir = path.join(root, "web/dist/widget");
const sourceDir = path.join(root, "web/widget");

export type WidgetFiles = {
  loader: Buffer;
  frameHtml: string;
  assets: Map<string, { body: Buffer; type: string }>;
};

let cached: WidgetFiles | null = null;

function newest(dir: string): number {
  let at = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) at = Math.max(at, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  return at;
}

function buildIfStale() {
  const built = existsSync(path.join(distDir, "frame.html"))
    ? statSync(path.join(distDir, "frame.html")).mtimeMs
    : 0;
  if (!existsSync(sourceDir) || built >= newest(sourceDir)) return;
  const vite = path.join(root, "node_modules/.bin/vite");
  for (const mode of ["loader", "frame"]) {
    const result = spawnSync(
      vite,
      ["build", "--config", "web/widget/vite.config.ts", "--mode", mode, "--logLevel", "warn"],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
    if (result.status !== 0) throw new Error(`building the chat widget (${mode}) failed`);
  }
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export function widgetFiles(opts: { production: boolean }): WidgetFiles {
  if (cached) return cached;
  if (!opts.production) buildIfStale();
  if (!existsSync(path.join(distDir, "frame.html")))
    throw new Error("The chat widget is not built (web/dist/widget is missing). Run `npm run build` first.");
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(path.join(distDir, "assets"))) {
    const type = TYPES[path.extname(name)];
    if (type) assets.set(name, { body: readFileSync(path.join(distDir, "assets", name)), type });
  }
  cached = {
    loader: readFileSync(path.join(distDir, "widget.js")),
    frameHtml: readFileSync(path.join(distDir, "frame.html"), "utf8"),
    assets,
  };
  return cached;
}
