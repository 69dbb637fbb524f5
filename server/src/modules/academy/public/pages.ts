import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AcademyCourseCard, AcademyPageData } from "../../../../../contracts/academy-support.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import type { LoadedPage } from "../../../platform/web.ts";
import { describe, headTags } from "../../help/pages/head.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import {
  type CourseRow,
  courseOutline,
  publishedCourse,
  publishedCourses,
  publishedPaths,
} from "./pages.repo.ts";

/**
 * The public academy (issue #21), server side: `/academy` (published courses and learning
 * paths) and `/academy/courses/<slug>` (a course's outline and a "Start" link into the portal).
 * Rendered by platform/web.ts with web/src/features/academy-public/, readable without
 * JavaScript. Lesson content is never here: lessons need a signed-in customer (the portal).
 * Other academy pages (/academy/sessions, /academy/verify/…) belong to other parts: this
 * loader answers null for them so theirs can (see register.ts).
 */
type Workspace = { id: string; name: string; host: string | null; default_locale: string };

export function courseCard(c: CourseRow): AcademyCourseCard {
  return {
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    level: c.level,
    durationMinutes: c.duration_minutes,
    lessonCount: c.lesson_count,
    coverHref: c.cover_storage_key ? `/academy/courses/${c.slug}/cover` : null,
  };
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/** The academy page for a request; null when the URL is not one of this part's pages. */
export async function loadAcademyPage(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<LoadedPage | null> {
  const url = new URL(request.url, "http://x");
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "academy") return null;
  const isHome = parts.length === 1;
  const isCourse = parts.length === 3 && parts[1] === "courses";
  if (!isHome && !isCourse) return null;
  const workspace = await findWorkspaceForHost(app.ctx.db, request.headers.host);
  if (!workspace) return null;
  const scope = new TenantScope(app.ctx.db, workspace.id);
  const base = urlForHost(app.ctx.config.publicUrl, workspace.host);
  if (isHome) return homePage(scope, workspace, base);
  const slug = decode(parts[2] as string);
  return slug === null ? notFound(workspace) : coursePage(scope, workspace, base, slug);
}

function page(w: Workspace, status: number, head: string, data: AcademyPageData): LoadedPage {
  return { status, lang: w.default_locale, head, data };
}

async function homePage(scope: TenantScope, w: Workspace, base: string): Promise<LoadedPage> {
  const [courses, paths] = await Promise.all([publishedCourses(scope), publishedPaths(scope)]);
  const head = headTags({
    title: `Academy – ${w.name}`,
    description: describe(
      courses.length
        ? `Free training from ${w.name}: ${courses.map((c) => c.title).join(", ")}`
        : `Free training from ${w.name}.`,
    ),
    url: `${base}/academy`,
    siteName: w.name,
    type: "website",
  });
  return page(w, 200, head, { page: "home", courses: courses.map(courseCard), paths });
}

async function coursePage(scope: TenantScope, w: Workspace, base: string, slug: string): Promise<LoadedPage> {
  const course = await publishedCourse(scope, slug);
  if (!course) return notFound(w);
  const modules = await courseOutline(scope, course.id);
  const head = headTags({
    title: `${course.title} – ${w.name} Academy`,
    description: describe(course.summary || `A free course from ${w.name}.`),
    url: `${base}/academy/courses/${course.slug}`,
    siteName: w.name,
    type: "article",
  });
  return page(w, 200, head, {
    page: "course",
    course: courseCard(course),
    productModels: course.product_models,
    modules,
    startHref: `/portal/academy/courses/${course.slug}`,
  });
}

function notFound(w: Workspace): LoadedPage {
  const head = headTags({
    title: `Not found – ${w.name}`,
    description: "This page does not exist.",
    url: null,
    siteName: w.name,
    type: "website",
    noindex: true,
  });
  return page(w, 404, head, { page: "notFound" });
}
