import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  BUILD_NONCE,
  fillNonce,
  NONCE_ATTRIBUTE,
  NONCE_PLACEHOLDER,
  nonceTemplate,
  requestNonce,
} from "./http/csp-nonce.ts";
import { type NoncedGzip, noncedGzip, prepareNoncedGzip } from "./http/nonce-gzip.ts";

/**
 * Serves the web app from the same Fastify process as the API.
 * "/", the help center (/help/…, data from `loadPage`) and 404 pages are server-rendered so
 * they work without JavaScript and can be indexed;
 * the SPA routes get index.html and render in the browser. /api/* and /metrics are never touched.
 *
 * Pages are built (and cached) with the CSP nonce placeholder in their script tags; each
 * response fills in its own nonce as it is sent (http/csp-nonce.ts).
 */

type PublicWorkspace = { name: string; locale: string };
type EntryServer = {
  render: (
    url: string,
    ctx: { workspace: PublicWorkspace; locale: string; page?: unknown },
    nonce: string,
  ) => Promise<{ html: string; head: string; lang?: string }>;
  renderHead: (nonce: string) => string;
};
type Page =
  | { status: number; html: string; gzip?: NoncedGzip; headers?: Record<string, string> }
  | { redirect: string; status: number };
/**
 * A server-loaded page (the help center, the community): its data for the render, or a
 * redirect, or a page that may be served from its last render (`CachedPage`).
 * `hydration`, when given, is what the browser gets instead of `data` to hydrate with (a page
 * may leave out what its markup already carries).
 */
export type LoadedPage =
  | { redirect: string; status: 301 | 302 | 303 }
  | {
      status: number;
      lang: string;
      head: string;
      data: unknown;
      hydration?: unknown;
      headers?: Record<string, string>;
    }
  | CachedPage;
/**
 * A page whose whole HTML is served from its last render while `cacheKey` is the same and the
 * render is younger than `maxAgeMs`, without calling `load` at all: the loader makes the key
 * from a cheap check (e.g. a topic's row and its posts' version) and the reader's kind, never
 * from anything only one reader may see. `personal` (HTML added at the end of <head>, e.g. the
 * reader's own votes as JSON) and `headers` are per request and never cached.
 */
export type CachedPage = {
  cacheKey: string;
  /** The workspace's language (the reader's own, when we have text for it, is part of the key). */
  locale: string;
  maxAgeMs: number;
  personal?: string;
  headers?: Record<string, string>;
  load: () => Promise<Exclude<LoadedPage, CachedPage>>;
};
type Options = {
  dev: boolean;
  publicWorkspace: (request: FastifyRequest) => Promise<PublicWorkspace | null>;
  /** The data, status and <head> of a server-loaded page; null when the URL is not one. */
  loadPage?: (request: FastifyRequest) => Promise<LoadedPage | null>;
};

/** Logged once per process when the server-rendering bundle is first imported. */
export const SSR_LOADED_MESSAGE = "server-rendering bundle loaded";

const webRoot = path.resolve(import.meta.dirname, "../../../web");
const distDir = path.join(webRoot, "dist");
const SPA_PREFIXES = ["/setup", "/login", "/app", "/portal"];
const SUPPORTED_LANGUAGES = ["en"];

// Feeds (/feedback/changelog.atom) are XML routes of their own, never pages.
const isServerPath = (url: string) =>
  /^\/(api|metrics|sitemap\.xml|robots\.txt|widget\.js|widget)(\/|\?|$)/.test(url) ||
  /^[^?#]*\.atom(\?|$)/.test(url);
const pathOf = (url: string) => url.split("?")[0] ?? "/";
const isSpaPath = (p: string) => SPA_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));

/** A customer's own language when we have text for it, else the workspace's. */
function pickLocale(request: FastifyRequest, workspace: PublicWorkspace): string {
  const accepted = String(request.headers["accept-language"] ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim() ?? "");
  const match = accepted.find((tag) => SUPPORTED_LANGUAGES.includes(tag.toLowerCase().split("-")[0] ?? ""));
  return match ?? workspace.locale;
}

/** Builds the HTML for one page, independent of how it is sent (Fastify reply or raw dev response). */
async function buildPage(
  request: FastifyRequest,
  template: string,
  loadEntry: () => Promise<EntryServer>,
  opts: Options,
  spaHead?: string,
): Promise<Page> {
  const url = request.url;
  const p = pathOf(url);
  if (p !== "/" && isSpaPath(p)) {
    const head = spaHead ?? (await loadEntry()).renderHead(NONCE_PLACEHOLDER);
    return { status: 200, html: fill(template, head, "") } satisfies Page;
  }
  const first = opts.loadPage ? await opts.loadPage(request) : null;
  // A cached page is answered before anything else is looked up (its loader's key names the
  // workspace; its name, logo or colour changing shows within maxAgeMs).
  let cached: { key: string; page: CachedPage } | null = null;
  if (first && "cacheKey" in first) {
    const key = `${first.cacheKey}\n${pickLocale(request, { name: "", locale: first.locale })}`;
    const hit = pageCache.get(key);
    if (hit && hit.at > Date.now() - first.maxAgeMs) return personalise(request, hit, first);
    cached = { key, page: first };
  }
  const workspace = await opts.publicWorkspace(request);
  // Before the first workspace exists, the front door is the setup page.
  if (p === "/" && !workspace) return { redirect: "/setup", status: 302 } satisfies Page;
  const ws = workspace ?? { name: "Rapport", locale: "en" };
  const locale = pickLocale(request, ws);
  const loaded = cached ? await cached.page.load() : (first as Exclude<typeof first, CachedPage>);
  if (loaded && "redirect" in loaded)
    return { redirect: loaded.redirect, status: loaded.status } satisfies Page;
  const renderCtx = { workspace: ws, locale, ...(loaded ? { page: loaded.data } : {}) };
  const entry = await loadEntry();
  const rendered = !loaded
    ? await entry.render(url, renderCtx, NONCE_PLACEHOLDER)
    : cached
      ? await entry.render(url, renderCtx, NONCE_PLACEHOLDER)
      : await memoRender(entry, url, renderCtx);
  let head = (loaded?.head ?? "") + rendered.head;
  if (loaded?.hydration !== undefined) head = swapHydration(head, { ...renderCtx, page: loaded.hydration });
  let html = fill(template, head, rendered.html);
  if (head.includes("<title>")) html = html.replace(/<title>[^<]*<\/title>/, "");
  const lang = loaded?.lang ?? rendered.lang;
  if (lang) html = html.replace(/<html lang="[^"]*"/, () => `<html lang="${lang.replace(/[^\w-]/g, "")}"`);
  const page: Page = {
    status: loaded?.status ?? (p === "/" ? 200 : 404),
    html,
    ...(loaded?.headers ? { headers: loaded.headers } : {}),
  };
  if (!cached) return page;
  const stored: CachedEntry = { status: page.status, html, at: Date.now() };
  if (page.status === 200) {
    pageCache.set(cached.key, stored);
    // Compressed off the event loop (zlib's thread pool): a page just rendered goes out as is,
    // and the requests after it get the gzip once it is made (~7 ms of a 200 kB page's render).
    // In pieces around the nonce placeholders, so each response adds its own nonce (nonce-gzip.ts).
    prepareNoncedGzip(html).then(
      (zipped) => {
        const now = pageCache.get(cached.key);
        if (now?.html === html && now.at === stored.at)
          pageCache.set(cached.key, { ...stored, gzip: zipped });
      },
      () => {},
    );
  }
  return personalise(request, stored, cached.page);
}

/**
 * A cached page with the reader's own part and headers (never cached) added. The same page
 * for everyone (no personal part) goes out as the gzip made after it was cached, to clients
 * that take gzip: a sixth of the bytes to write, and no compressing per request.
 */
function personalise(request: FastifyRequest, entry: CachedEntry, c: CachedPage): Page {
  const headers: Record<string, string> = { ...c.headers, vary: "accept-encoding" };
  if (!c.personal && entry.gzip && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? "")))
    return { status: entry.status, html: entry.html, gzip: entry.gzip, headers };
  const html = c.personal ? entry.html.replace("</head>", () => `${c.personal}</head>`) : entry.html;
  return { status: entry.status, html, headers };
}

// The hydration data entry-server writes (web/src/ssrData.ts): "<" is escaped inside, so the
// first "</script>" after it is its end.
const SSR_DATA = /<script id="rapport-ssr-data" type="application\/json"[^>]*>[\s\S]*?<\/script>/;
function swapHydration(head: string, data: Parameters<EntryServer["render"]>[1]): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return head.replace(
    SSR_DATA,
    () => `<script id="rapport-ssr-data" type="application/json"${NONCE_ATTRIBUTE}>${json}</script>`,
  );
}

/** Strings bounded by their total size, oldest-inserted out first. */
class BoundedCache<T extends { html: string }> {
  private readonly entries = new Map<string, T & { size: number }>();
  private bytes = 0;
  private readonly maxBytes: number;
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }
  get(key: string): T | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: T) {
    const extra = value as { head?: string; gzip?: NoncedGzip };
    const zipped = extra.gzip?.pieces.reduce((sum, piece) => sum + piece.length, 0) ?? 0;
    // The gzip keeps its pieces' text for the per-response CRC: about the page's size again.
    const size = key.length + value.html.length * (extra.gzip ? 2 : 1) + (extra.head?.length ?? 0) + zipped;
    if (size > this.maxBytes / 8) return;
    this.delete(key);
    this.entries.set(key, { ...value, size });
    this.bytes += size;
    for (const k of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }
  private delete(key: string) {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.size;
  }
}

/** Whole pages (CachedPage), by their loader's key, the workspace's name and the locale. */
type CachedEntry = { status: number; html: string; at: number; gzip?: NoncedGzip };
const pageCache = new BoundedCache<CachedEntry>(32 * 1024 * 1024);

/**
 * Server-loaded pages rendered before, by their exact inputs (URL, workspace, locale, data). The
 * render is a pure function of those, and a public page is read far more often than it changes.
 * Any change of the data changes the key. (A community topic page skips even loading its data
 * when unchanged: `CachedPage`.) Bounded by size; oldest out first.
 */
const renderCache = new BoundedCache<{ html: string; head: string; lang?: string }>(32 * 1024 * 1024);
async function memoRender(entry: EntryServer, url: string, ctx: Parameters<EntryServer["render"]>[1]) {
  const key = `${url}\n${JSON.stringify(ctx)}`;
  const hit = renderCache.get(key);
  if (hit) return hit;
  const rendered = await entry.render(url, ctx, NONCE_PLACEHOLDER);
  renderCache.set(key, rendered);
  return rendered;
}

function fill(template: string, head: string, body: string): string {
  // Functions as replacements so "$&" and friends in rendered text are never interpreted.
  return template.replace("<!--app-head-->", () => head).replace("<!--app-html-->", () => body);
}

export async function registerWeb(
  app: FastifyInstance,
  opts: Options,
): Promise<{ close: () => Promise<void> }> {
  return opts.dev ? registerDev(app, opts) : registerProduction(app, opts);
}

async function registerProduction(app: FastifyInstance, opts: Options) {
  const templatePath = path.join(distDir, "client/index.html");
  const entryPath = path.join(distDir, "server/entry-server.js");
  if (!existsSync(templatePath) || !existsSync(entryPath)) {
    throw new Error(
      `The web app is not built (${path.relative(process.cwd(), distDir)} is missing). Run \`npm run build\` first.`,
    );
  }
  const template = nonceTemplate(await readFile(templatePath, "utf8"));
  // The SPA's routes need only the head rendered at build time (scripts/spa-head.ts); a build
  // made before that file existed falls back to rendering it with the bundle.
  const spaHeadPath = path.join(distDir, "server/spa-head.html");
  const spaHead = existsSync(spaHeadPath)
    ? (await readFile(spaHeadPath, "utf8")).split(BUILD_NONCE).join(NONCE_PLACEHOLDER)
    : undefined;
  // The server-rendering bundle (React, Mantine, every page: about 100 MB of a process's memory
  // once compiled) is imported on the first request that renders, not at start: a process that
  // only ever answers the API never holds it (issue #25, bench/MULTI-PROCESS.md). Concurrent
  // first requests share the one import.
  let entry: Promise<EntryServer> | undefined;
  const loadEntry = () => {
    entry ??= (async () => {
      const started = performance.now();
      const loaded = (await import(pathToFileURL(entryPath).href)) as EntryServer;
      app.log.info({ ms: Math.round(performance.now() - started) }, SSR_LOADED_MESSAGE);
      return loaded;
    })();
    return entry;
  };

  await app.register(fastifyStatic, {
    root: path.join(distDir, "client/assets"),
    prefix: "/assets/",
    decorateReply: false,
    index: false,
    cacheControl: false,
    // File names carry a content hash, so they can be cached forever.
    setHeaders: (reply) => {
      reply.header("cache-control", "public, max-age=31536000, immutable");
    },
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (isServerPath(request.url)) return reply.callNotFound();
    const page = await buildPage(request, template, loadEntry, opts, spaHead);
    reply.header("cache-control", "no-cache");
    if ("redirect" in page) return reply.redirect(page.redirect, page.status);
    if (page.headers) reply.headers(page.headers);
    reply.code(page.status).type("text/html; charset=utf-8");
    const nonce = requestNonce(request);
    if (page.gzip) return reply.header("content-encoding", "gzip").send(noncedGzip(page.gzip, nonce));
    return reply.send(fillNonce(page.html, nonce));
  };
  for (const url of ["/", "/setup", "/login", "/app", "/app/*", "/portal", "/portal/*", "/*"]) {
    app.get(url, handler);
  }
  return { close: async () => {} };
}

async function registerDev(app: FastifyInstance, opts: Options) {
  // Loaded only in development so production never needs Vite installed.
  const { createServer } = await import("vite");
  const vite = await createServer({
    configFile: path.join(webRoot, "vite.config.ts"),
    root: webRoot,
    server: { middlewareMode: true, hmr: false },
    appType: "custom",
  });

  // Vite's connect middlewares answer module/asset requests; whatever they pass on is a page.
  // The reply is hijacked because these requests are answered on the raw response.
  app.addHook("onRequest", (request, reply, done) => {
    const isRead = request.method === "GET" || request.method === "HEAD";
    if (!isRead || isServerPath(request.url)) return done();
    reply.hijack();
    vite.middlewares(request.raw, reply.raw, () => {
      void sendDevPage(request, reply.raw, vite, opts).catch((err: unknown) => {
        if (err instanceof Error) vite.ssrFixStacktrace(err);
        request.log.error({ err }, "dev page render failed");
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { "content-type": "text/plain" });
        reply.raw.end(String(err instanceof Error ? err.stack : err));
      });
    });
  });
  return { close: () => vite.close() };
}

async function sendDevPage(
  request: FastifyRequest,
  res: ServerResponse<IncomingMessage>,
  vite: import("vite").ViteDevServer,
  opts: Options,
) {
  const raw = await readFile(path.join(webRoot, "index.html"), "utf8");
  const template = nonceTemplate(await vite.transformIndexHtml(request.url, raw));
  const entry = () => vite.ssrLoadModule("/src/entry-server.tsx") as Promise<EntryServer>;
  const page = await buildPage(request, template, entry, opts);
  if ("redirect" in page) {
    res.writeHead(page.status, { location: page.redirect, "cache-control": "no-cache" });
    res.end();
    return;
  }
  res.writeHead(page.status, {
    ...page.headers,
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-cache",
  });
  res.end(fillNonce(page.html, requestNonce(request)));
}
