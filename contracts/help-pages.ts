/**
 * What the server hands the public help center's pages (issue #15): the data of one page,
 * loaded on the server (server/src/modules/help/public-pages.ts), rendered there with the same
 * React components (web/src/features/help/) and handed to the browser for hydration.
 * Types only: this module has no runtime code, so it costs the web bundle nothing.
 */
import type { Article } from "./help.ts";

export type HelpArticleLink = { title: string; slug: string; href: string };
export type HelpSectionView = {
  name: string;
  slug: string;
  href: string;
  /** The first few titles (the home and category pages) or one page (the section page). */
  articles: HelpArticleLink[];
  /** How many articles the section holds in all. */
  articleCount: number;
};
export type HelpCategoryView = {
  name: string;
  slug: string;
  href: string;
  description: string;
  /** Articles of the category that belong to no section: the first few, or one page. */
  articles: HelpArticleLink[];
  /** How many articles belong to the category and no section, in all. */
  articleCount: number;
  sections: HelpSectionView[];
};
/** Where a paged list stands; the links are plain `?page=N` URLs (no JavaScript needed). */
export type HelpPaging = { page: number; pages: number; prevHref: string | null; nextHref: string | null };
export type HelpSearchItem = {
  id: string;
  title: string;
  slug: string;
  locale: string;
  /** HTML holding only <mark> tags around the matched words (everything else escaped). */
  snippet: string;
  categoryId: string | null;
  href: string;
};
export type HelpCrumb = { label: string; href: string };

export type HelpPageData =
  | { page: "home"; categories: HelpCategoryView[] }
  | { page: "category"; category: HelpCategoryView; crumbs: HelpCrumb[]; paging: HelpPaging }
  | {
      page: "section";
      category: HelpCategoryView;
      section: HelpSectionView;
      crumbs: HelpCrumb[];
      paging: HelpPaging;
    }
  | {
      page: "article";
      article: Pick<
        Article,
        "id" | "slug" | "locale" | "title" | "bodyHtml" | "problem" | "playbookSlug" | "updatedAt"
      >;
      crumbs: HelpCrumb[];
      translations: Array<{ locale: string; title: string; href: string }>;
      /** Other articles of its section (a bounded few), in its language. */
      siblings: HelpArticleLink[];
      /** Where the no-JavaScript "Did this help?" form posts. */
      feedbackAction: string;
      /** Where that form stands: asking why a "No", thanked for a "Yes", or sorry after a "No". */
      feedback: "why" | "thanks" | "sorry" | null;
      /** The academy (#21): the lesson this article recommends (academy/support), if any. */
      recommendedLesson?: { lessonTitle: string; courseTitle: string; href: string } | null;
    }
  | { page: "search"; q: string; results: HelpSearchItem[] }
  | { page: "notFound" };
