import type { Path, PathCreate, PathUpdate } from "../../../../../contracts/academy-report.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import {
  allCourses,
  certificatesOfPath,
  coursesByIds,
  coursesOfPaths,
  deletePath,
  findPath,
  heldPathCertificate,
  insertPath,
  learnerProgress,
  listPaths,
  type PathCourseRow,
  type PathRow,
  replacePathCourses,
  updatePath,
} from "./paths.repo.ts";

type Ctx = Pick<AppContext, "db">;
const notFound = () => new AppError("not_found", "Learning path was not found");
const isManager = (actor: Actor) => actor.permissions.includes("academy.manage");

function shape(p: PathRow, courses: PathCourseRow[]): Path {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    state: p.state,
    courses: courses.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      state: c.state,
      position: c.position,
      progress: null,
    })),
    completed: null,
    certificateCode: null,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}

/** Each course once, and every one a course of this workspace: otherwise 422 on `courseIds`. */
async function checkCourses(scope: TenantScope, ids: string[]) {
  if (new Set(ids).size !== ids.length)
    throw new AppError("unprocessable", "A course appears more than once in the path", "courseIds");
  const found = await coursesByIds(scope, ids);
  if (found.length !== ids.length)
    throw new AppError("unprocessable", "A course of the path was not found", "courseIds");
  return found;
}

export async function listLearningPaths(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const paths = await listPaths(scope);
  const courses = await coursesOfPaths(
    scope,
    paths.map((p) => p.id),
  );
  return {
    items: paths.map((p) =>
      shape(
        p,
        courses.filter((c) => c.path_id === p.id),
      ),
    ),
  };
}

export async function pathCourseChoices(ctx: Ctx, actor: Actor) {
  return { items: await allCourses(new TenantScope(ctx.db, actor.workspaceId)) };
}

async function staffView(scope: TenantScope, id: string): Promise<Path> {
  const path = await findPath(scope, id);
  if (!path) throw notFound();
  return shape(path, await coursesOfPaths(scope, [id]));
}

export async function createLearningPath(ctx: Ctx, actor: Actor, input: PathCreate): Promise<Path> {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await checkCourses(scope, input.courseIds);
    const row = await insertPath(scope, {
      slug: input.slug,
      title: input.title,
      summary: input.summary ?? "",
    });
    if (!row) throw new AppError("conflict", "Another learning path has this slug", "slug");
    await replacePathCourses(scope, row.id, input.courseIds);
    return staffView(scope, row.id);
  });
}

export async function updateLearningPath(ctx: Ctx, actor: Actor, id: string, input: PathUpdate) {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const path = await findPath(scope, id, true);
    if (!path) throw notFound();
    if (input.courseIds) {
      const found = await checkCourses(scope, input.courseIds);
      if (path.state === "published") assertPublishable(found);
      await replacePathCourses(scope, id, input.courseIds);
    }
    await updatePath(scope, id, { title: input.title, summary: input.summary });
    return staffView(scope, id);
  });
}

/** A published path leads learners through its courses: each must be published itself. */
function assertPublishable(courses: Array<{ state: string }>) {
  if (courses.length === 0)
    throw new AppError("unprocessable", "A published path needs at least one course", "courseIds");
  if (courses.some((c) => c.state !== "published"))
    throw new AppError("unprocessable", "Every course of a published path must be published", "courseIds");
}

export async function setLearningPathState(
  ctx: Ctx,
  actor: Actor,
  id: string,
  state: "published" | "archived",
) {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const path = await findPath(scope, id, true);
    if (!path) throw notFound();
    if (state === "published") {
      const courses = await coursesOfPaths(scope, [id]);
      assertPublishable(courses);
    }
    await updatePath(scope, id, { state });
    return staffView(scope, id);
  });
}

/** Certificates name their path: a path that issued any is archived instead of deleted. */
export async function deleteLearningPath(ctx: Ctx, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const path = await findPath(scope, id, true);
    if (!path) throw notFound();
    if ((await certificatesOfPath(scope, id)) > 0)
      throw new AppError("conflict", "This path has issued certificates: archive it instead", "id");
    await deletePath(scope, id);
  });
}

/**
 * One path: staff (academy.manage) see any path; a signed-in customer sees a published one
 * with their progress in each course, and the path certificate once they hold it.
 */
export async function readLearningPath(ctx: Ctx, actor: Actor, id: string): Promise<Path> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (isManager(actor)) return staffView(scope, id);
  if (!actor.permissions.includes("portal.use")) throw new AppError("forbidden", "Sign in to the portal");
  const path = await findPath(scope, id);
  if (path?.state !== "published") throw notFound();
  const customer = await findCustomerForUser(scope, actor.userId);
  const view = shape(path, await coursesOfPaths(scope, [id]));
  const progress = customer ? await learnerProgress(scope, id, customer.id) : new Map();
  for (const c of view.courses) {
    const p = progress.get(c.id);
    const required = p?.required ?? 0;
    const done = p?.done ?? 0;
    c.progress = {
      requiredLessons: required,
      completedLessons: done,
      percent: p?.completed ? 100 : required === 0 ? 0 : Math.round((done / required) * 100),
      completed: p?.completed ?? false,
    };
  }
  view.completed = view.courses.length > 0 && view.courses.every((c) => c.progress?.completed);
  view.certificateCode = customer ? await heldPathCertificate(scope, id, customer.id) : null;
  return view;
}
