import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_NONCE } from "../server/src/platform/http/csp-nonce.ts";

/**
 * Run after the SSR build (`npm run build`): writes the <head> that the SPA's routes (/app,
 * /portal, /login, /setup) get, rendered once here, to web/dist/server/spa-head.html. It is the
 * same for every request but its nonce, so a web process serves those routes from this file
 * and imports the server-rendering bundle (about 100 MB of memory) only for a page that really
 * renders (issue #25). The nonce is a marker that platform/web.ts swaps for its own placeholder.
 */
const server = path.resolve(import.meta.dirname, "../web/dist/server");
const entry = (await import(pathToFileURL(path.join(server, "entry-server.js")).href)) as {
  renderHead: (nonce: string) => string;
};
const head = entry.renderHead(BUILD_NONCE);
if (!head.includes(BUILD_NONCE)) throw new Error(`the SPA head carries no nonce: ${head}`);
fs.writeFileSync(path.join(server, "spa-head.html"), head);
console.log(`spa-head.html: ${head.length} bytes`);
