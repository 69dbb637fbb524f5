import type { FastifyInstance, FastifyRequest } from "fastify";
import type { LoadedPage } from "./web.ts";

/**
 * The server-rendered public areas (/help, /community, later /academy, /feedback): each module
 * registers the first path segment it owns, the loader that turns a request into a page (data,
 * status, <head>) and, optionally, the public URLs it adds to /sitemap.xml. platform/web.ts
 * renders whatever the loader returns; this only dispatches by path.
 *
 * Registration is by prefix and idempotent (several apps in one test process register the same
 * loaders), so the registry is a plain module-level map.
 */
export type PageLoader = (app: FastifyInstance, request: FastifyRequest) => Promise<LoadedPage | null>;
export type SitemapEntry = { loc: string; lastmod: string | null };
export type SitemapWorkspace = { id: string; host: string | null; default_locale: string };
/** A module's public URLs for search engines (absolute, from `base`), read as an anonymous visitor. */
export type SitemapSource = (
  app: FastifyInstance,
  workspace: SitemapWorkspace,
  base: string,
) => Promise<SitemapEntry[]>;

type Area = { prefix: string; loader: PageLoader; sitemap?: SitemapSource };
const areas = new Map<string, Area>();

/** `prefix` is the area's first path segment with its slash, e.g. "/community". */
export function registerPublicPages(
  prefix: string,
  loader: PageLoader,
  opts: { sitemap?: SitemapSource } = {},
) {
  if (!/^\/[a-z0-9-]+$/.test(prefix)) throw new Error(`a public page prefix is one segment: ${prefix}`);
  areas.set(prefix, { prefix, loader, ...opts });
}

/** The page for a request, from the area owning its first segment; null when none does. */
export function loadPublicPage(app: FastifyInstance, request: FastifyRequest): Promise<LoadedPage | null> {
  const first = /^\/([^/?#]*)/.exec(request.url)?.[1] ?? "";
  const area = areas.get(`/${first}`);
  return area ? area.loader(app, request) : Promise.resolve(null);
}

/** The prefixes crawlers may visit (robots.txt "Allow:" lines). */
export function publicPrefixes(): string[] {
  return [...areas.keys()];
}

/** Every registered area's sitemap entries, in registration order. */
export async function publicSitemapEntries(
  app: FastifyInstance,
  workspace: SitemapWorkspace,
  base: string,
): Promise<SitemapEntry[]> {
  const lists = await Promise.all(
    [...areas.values()].map((a) => (a.sitemap ? a.sitemap(app, workspace, base) : Promise.resolve([]))),
  );
  return lists.flat();
}
