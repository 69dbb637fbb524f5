import { type ListCasesQuery, OPEN_STATUSES } from "../../../../contracts/cases.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { decodeCursor, toPage } from "../../platform/db/cursor.ts";
import { type Executor, TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { conductClock } from "../conduct/history/decay.ts";
import { routeCaseForConduct } from "../conduct/ladder/route-hook.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { endRequestSession } from "../help/search/request-sessions.ts";
import { routingInput } from "../routing/route.ts";
import { applySlaEvent } from "../sla/case-sla.ts";
import { createdSlaChoices, createdSlaForRouting, slaSetup } from "../sla/on-create.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { checkAssignee, checkTeam } from "./assignment.ts";
import { assertCanSeeCase, assertCanWorkCases, isStaff, ownCustomerId } from "./cases.policy.ts";
import { findCase, listCases, listMostUrgent, lockCase, presentCase, updateCaseRow } from "./cases.repo.ts";
import { creationNeeds, insertCaseWithFirstMessage } from "./create-case.repo.ts";
import { findSourceArticle } from "./source-article.ts";

type Ctx = Pick<AppContext, "db" | "files">;

export type CreateCase = {
  customerId?: string | undefined;
  subject: string;
  message: string;
  channel?: string | undefined;
  priority?: string | undefined;
  tags?: string[] | undefined;
  assigneeId?: string | undefined;
  teamId?: string | undefined;
  articleId?: string | undefined;
  /** The portal form's help session: the case ends it (help/search/request-sessions.ts). */
  helpSessionId?: string | undefined;
};

/**
 * Opens a case with its first message: the customer's request, in their words. The happy
 * path is one statement (create-case.repo.ts); when it writes nothing, the checks run one by
 * one to name the field at fault. A customer's case sent from a form that offered help
 * articles also ends that help session as "case", in the same transaction.
 */
export async function createCase(
  ctx: Ctx & Partial<Pick<AppContext, "boss" | "config" | "log">>,
  actor: Actor,
  input: CreateCase,
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const staff = isStaff(actor);
  let customerId: string;
  if (staff) {
    assertCanWorkCases(actor, "create");
    if (!input.customerId) throw new AppError("validation_failed", "customerId is required", "customerId");
    customerId = input.customerId;
  } else {
    customerId = await ownCustomerId(scope, actor);
    if (input.customerId && input.customerId !== customerId) {
      throw new AppError("not_found", "Customer was not found", "customerId");
    }
  }
  const channel = input.channel ?? (staff ? (actor.via === "token" ? "api" : "phone") : "web");
  // Checked before the write; the event that records it is written with the case (one statement).
  const sourceArticle = input.articleId ? await findSourceArticle(scope, actor, input.articleId) : null;
  const tags = staff ? [...new Set(input.tags ?? [])] : [];
  const assigneeId = (staff && input.assigneeId) || null;
  const teamId = (staff && input.teamId) || null;
  // Routing decides only when no one chose: an explicit assignee or team always wins. A
  // workspace with no routing and no SLA policies pays no statement beyond the insert.
  const needs = await creationNeeds(ctx.db, actor.workspaceId);
  const routes = !assigneeId && !teamId && needs.routing;
  const sessionId = staff ? undefined : input.helpSessionId;
  const setup = needs.sla ? await slaSetup(ctx.db, actor.workspaceId) : null;
  // Routing chooses inside the insert (routing_choose, migration 0085), under the workspace's
  // routing lock and from what the creations before it committed: one statement, nothing to
  // claim or retry. Only business hours come from here (the teams closed at this instant).
  const createdAt = new Date();
  const route = routes ? await routingInput(ctx.db, actor.workspaceId, input.message, createdAt) : null;
  const attempt = async (db: Executor) => {
    const s = new TenantScope(db, actor.workspaceId);
    const created = await insertCaseWithFirstMessage(s, {
      sourceArticle,
      customerId,
      subject: input.subject,
      channel,
      priority: staff ? (input.priority ?? "normal") : "normal",
      tags,
      assigneeId,
      teamId,
      route,
      // With routing, the dues under each team's calendar: the team is chosen by the insert.
      sla: setup
        ? route
          ? createdSlaForRouting(setup, createdAt)
          : { createdAt, choices: createdSlaChoices(setup, teamId, createdAt) }
        : null,
      conductAt: assigneeId || teamId ? null : conductClock.now(),
      message: {
        body: input.message,
        authorUserId: staff ? null : actor.userId,
        excerpt: input.message.slice(0, 200),
      },
      doer: doerOf(actor),
    });
    if (created && sessionId) await endRequestSession(s, { sessionId, customerId, outcome: "case" });
    return created;
  };
  // One statement needs no transaction; the help session's end rides in one with it.
  const row = sessionId ? await inTransaction(ctx.db, (tx) => attempt(tx)) : await attempt(ctx.db);
  if (row?.conductStep) {
    // Staff protection (#20): a restricted, suspended or ended customer's new case goes to the
    // named agent or a manager. The insert said whether such a step is in force (no read when not).
    const routed = await routeCaseForConduct(
      ctx,
      actor.workspaceId,
      row.id,
      customerId,
      channel,
      row.subject,
    );
    if (routed?.assigneeId)
      Object.assign(row, {
        assigneeId: routed.assigneeId,
        assigneeName: routed.assigneeName,
        teamId: null,
        teamName: null,
      });
  }
  if (row) {
    // The insert wrote all the SLA state there is: the clock's start and, with policies, the
    // first matching policy's dues (sla/on-create.ts).
    const { conductStep: _, ...caseRow } = row;
    return presentCase(caseRow);
  }
  // Nothing was written: say which input was at fault.
  if (!(await findCustomer(scope, customerId)))
    throw new AppError("not_found", "Customer was not found", "customerId");
  if (staff && input.assigneeId) await checkAssignee(scope, input.assigneeId);
  if (staff && input.teamId) await checkTeam(scope, input.teamId);
  throw new AppError("conflict", "The case could not be created; try again");
}

export async function getCaseFor(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const row = await findCase(scope, id);
  await assertCanSeeCase(scope, actor, row?.customerId);
  return presentCase(row as NonNullable<typeof row>);
}

export async function listCasesFor(ctx: Ctx, actor: Actor, query: ListCasesQuery) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const statuses =
    query.status === "all"
      ? undefined
      : query.status === undefined || query.status === "open"
        ? OPEN_STATUSES
        : query.status.split(",");
  const customerId = isStaff(actor) ? query.customer : await ownCustomerId(scope, actor).catch(() => "none");
  if (customerId === "none") return { items: [], nextCursor: null };
  const filters = {
    statuses: isStaff(actor) || query.status ? statuses : undefined,
    assigneeId:
      query.assignee === "me" ? actor.membershipId : query.assignee === "none" ? null : query.assignee,
    teamId: query.team,
    tag: query.tag,
    customerId,
    text: query.q,
  };
  if (query.sort === "urgency") {
    // With a search, the matches (the 100 most recently active) are ordered by urgency here.
    const urgent = query.q
      ? byUrgency(await listCases(scope, filters, undefined, 100)).slice(0, query.limit)
      : await listMostUrgent(scope, filters, query.limit);
    return { items: urgent.map(presentCase), nextCursor: null };
  }
  const rows = await listCases(scope, filters, decodeCursor(query.cursor), query.limit);
  const page = toPage(rows, query.limit, (r) => [r.cursorAt, r.id]);
  return { items: page.items.map(presentCase), nextCursor: page.nextCursor };
}

export type CasePatch = {
  subject?: string | undefined;
  status?: string | undefined;
  priority?: string | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
  tags?: string[] | undefined;
};

/** Staff change a case; each change is one timeline event with who made it. */
export async function updateCase(ctx: Ctx, actor: Actor, id: string, patch: CasePatch) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await lockCase(scope, id);
    if (!current) throw new AppError("not_found", "Case was not found");
    assertNotMerged(current);
    await applyCasePatch(scope, actor, current, patch);
    return presentCase((await findCase(scope, id)) as NonNullable<Awaited<ReturnType<typeof findCase>>>);
  });
}

/** A merged case is a tombstone: it changes only through its survivor (or an undo). */
export function assertNotMerged(
  current: { number: number | string; mergedIntoId: string | null },
  field?: string,
) {
  if (current.mergedIntoId) {
    throw new AppError("case_closed", `Case #${current.number} was merged into another case`, field);
  }
}

/**
 * Applies a patch to a locked case inside the caller's transaction: the changed fields, one
 * timeline event per change and a realtime notice. Shared by a single update and bulk changes.
 */
export async function applyCasePatch(
  scope: TenantScope,
  actor: Actor,
  current: NonNullable<Awaited<ReturnType<typeof lockCase>>>,
  patch: CasePatch,
) {
  const id = current.id;
  {
    const doer = doerOf(actor);
    const event = { customerId: current.customerId, caseId: id, doer };
    const set: Parameters<typeof updateCaseRow>[2] = {};
    if (patch.subject !== undefined && patch.subject !== current.subject) {
      set.subject = patch.subject;
      await appendEvent(scope, {
        ...event,
        kind: "case.subject_changed",
        data: { from: current.subject, to: patch.subject },
      });
    }
    if (patch.status !== undefined && patch.status !== current.status) {
      set.status = patch.status;
      if (patch.status === "solved" || patch.status === "closed") set.waiting_since = null;
      await appendEvent(scope, {
        ...event,
        kind: "case.status_changed",
        data: { from: current.status, to: patch.status },
      });
    }
    if (patch.priority !== undefined && patch.priority !== current.priority) {
      set.priority = patch.priority;
      await appendEvent(scope, {
        ...event,
        kind: "case.priority_changed",
        data: { from: current.priority, to: patch.priority },
      });
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== current.assigneeId) {
      const to = patch.assigneeId === null ? null : await checkAssignee(scope, patch.assigneeId);
      const toName = to ? ((await findAssigneeName(scope, to)) ?? null) : null;
      set.assignee_id = to;
      await appendEvent(scope, {
        ...event,
        kind: "case.assigned",
        data: { from: current.assigneeId, to, toName },
      });
    }
    if (patch.teamId !== undefined && patch.teamId !== current.teamId) {
      const to = patch.teamId === null ? null : await checkTeam(scope, patch.teamId);
      const toName = to
        ? ((await scope.selectFrom("teams").select("name").where("id", "=", to).executeTakeFirst())?.name ??
          null)
        : null;
      set.team_id = to;
      await appendEvent(scope, {
        ...event,
        kind: "case.team_changed",
        data: { from: current.teamId, to, toName },
      });
    }
    if (patch.tags !== undefined) {
      const next = [...new Set(patch.tags)];
      const added = next.filter((t) => !current.tags.includes(t));
      const removed = current.tags.filter((t) => !next.includes(t));
      if (added.length + removed.length > 0) {
        set.tags = next;
        await appendEvent(scope, { ...event, kind: "case.tags_changed", data: { added, removed } });
      }
    }
    if (Object.keys(set).length > 0) {
      await updateCaseRow(scope, id, { ...set, last_activity_at: new Date() });
      if (set.status || set.priority || set.team_id !== undefined) await applySlaEvent(scope, id, "changed");
      await publish(scope.db, {
        workspaceId: actor.workspaceId,
        audience: { kind: "staff" },
        event: { type: "case.updated", caseId: id, customerId: current.customerId },
      });
    }
  }
}

async function findAssigneeName(scope: TenantScope, membershipId: string) {
  const row = await scope
    .selectFrom("memberships")
    .innerJoin("auth.user as u", "u.id", "memberships.user_id")
    .select("u.name as name")
    .where("memberships.id", "=", membershipId)
    .executeTakeFirst();
  return row?.name;
}

type DueRow = {
  slaFirstReplyDueAt?: string | null;
  slaNextReplyDueAt?: string | null;
  slaResolutionDueAt?: string | null;
};

/** Nearest SLA due time first, rows without one last; the input's order breaks ties. */
function byUrgency<T extends DueRow>(rows: T[]): T[] {
  const due = (r: T) => {
    const times = [r.slaFirstReplyDueAt, r.slaNextReplyDueAt, r.slaResolutionDueAt]
      .filter((t): t is string => Boolean(t))
      .map((t) => Date.parse(t));
    return times.length > 0 ? Math.min(...times) : Number.POSITIVE_INFINITY;
  };
  return rows
    .map((r, i) => ({ r, i, d: due(r) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.r);
}
