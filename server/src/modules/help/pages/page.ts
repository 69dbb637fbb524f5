import type { FastifyInstance, FastifyRequest } from "fastify";
import type { HelpCrumb, HelpPageData } from "../../../../../contracts/help-pages.ts";
import { headTags } from "./head.ts";
import type { Visitor } from "./visitor.ts";

/** A page to render, or where to send the browser instead. */
export type LoadedPage =
  | { redirect: string; status: 301 | 302 | 303 }
  | {
      status: number;
      lang: string;
      head: string;
      data: HelpPageData;
      /** Response headers the page needs (the visitor cookie of public-views.ts). */
      headers?: Record<string, string>;
    };

/** What every page loader gets: the request, its visitor and the site's name and addresses. */
export type PageRequest = {
  app: FastifyInstance;
  request: FastifyRequest;
  url: URL;
  v: Visitor;
  /** "<workspace> help center", the end of every title. */
  site: string;
  /** An absolute URL of a path on the workspace's host. */
  abs: (href: string) => string;
};

/** The first crumb of every page below the home page. */
export const HOME_CRUMB: HelpCrumb = { label: "Help center", href: "/help" };

export const notFoundPage = (v: Visitor): LoadedPage => ({
  status: 404,
  lang: v.workspace.default_locale,
  head: headTags({
    title: `Not found – ${v.workspace.name}`,
    description: "This page does not exist.",
    url: null,
    siteName: v.workspace.name,
    type: "website",
    noindex: true,
  }),
  data: { page: "notFound" },
});
