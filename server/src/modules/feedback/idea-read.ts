import { sql } from "kysely";
import type {
  IdeaComment,
  IdeaDetail,
  IdeaListQuery,
  IdeaPerson,
  IdeaSummary,
} from "../../../../contracts/feedback.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { defaultDisplayName } from "../community/members.ts";
import { renderArticle } from "../help/render.ts";
import { boardNotFound, type Reader } from "./feedback.policy.ts";
import { type IdeaRow, ideaQuery, ideaUrl, readableIdea, summarize } from "./feedback.repo.ts";
import { ideaScorer } from "./scorer.ts";
import { loadSettings } from "./settings.service.ts";
import { isSubscribed, subscriberOf } from "./subscriptions.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Names of the people behind ideas and comments. Staff see customers' full names; everyone
 * else sees a first name and an initial ("Carla R."), so the portal publishes no full name
 * unasked. Staff always appear under their own name.
 */
async function peopleOf(
  scope: TenantScope,
  reader: Reader,
  refs: Array<{ customerId: string | null; userId: string | null }>,
): Promise<(ref: { customerId: string | null; userId: string | null }) => IdeaPerson | null> {
  const customerIds = [...new Set(refs.map((r) => r.customerId).filter((x): x is string => !!x))];
  const userIds = [...new Set(refs.map((r) => r.userId).filter((x): x is string => !!x))];
  const customers = new Map<string, string>();
  const users = new Map<string, string>();
  if (customerIds.length > 0)
    for (const c of await scope
      .selectFrom("customers")
      .select(["id", "name"])
      .where("id", "in", customerIds)
      .execute())
      customers.set(c.id, reader.staff ? c.name : defaultDisplayName(c.name, "customer@"));
  if (userIds.length > 0)
    for (const u of await scope.db
      .selectFrom("auth.user")
      .select(["id", "name"])
      .where("id", "in", userIds)
      .execute())
      users.set(u.id, u.name);
  return (ref) => {
    if (ref.customerId && customers.has(ref.customerId))
      return { kind: "customer", id: ref.customerId, name: customers.get(ref.customerId) as string };
    if (ref.userId && users.has(ref.userId))
      return { kind: "staff", id: ref.userId, name: users.get(ref.userId) as string };
    return null;
  };
}

export async function commentsOf(scope: TenantScope, reader: Reader, ideaId: string): Promise<IdeaComment[]> {
  const rows = await scope
    .selectFrom("feedback_comments")
    .selectAll()
    .where("idea_id", "=", ideaId)
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const person = await peopleOf(
    scope,
    reader,
    rows.map((r) => ({ customerId: r.author_customer_id, userId: r.author_user_id })),
  );
  return rows.map((r) =>
    presentComment(r, person({ customerId: r.author_customer_id, userId: r.author_user_id })),
  );
}

export function presentComment(
  r: { id: string; body: string; official: boolean; created_at: Date; edited_at: Date | null },
  author: IdeaPerson | null,
): IdeaComment {
  return {
    id: r.id,
    body: r.body,
    bodyHtml: renderArticle(r.body),
    author,
    official: r.official,
    createdAt: iso(r.created_at),
    editedAt: iso(r.edited_at),
  };
}

/** The sum of the chosen numeric customer fact over the idea's unique requesters (staff only). */
async function requesterValue(scope: TenantScope, ideaId: string, factKey: string) {
  const { rows } = await sql<{ total: string | null }>`
    select sum(case when jsonb_typeof(f.value) = 'number' then (f.value)::text::numeric
                    when jsonb_typeof(f.value) = 'string' and (f.value #>> '{}') ~ '^-?[0-9]+(\\.[0-9]+)?$'
                      then (f.value #>> '{}')::numeric end) as total
      from feedback_requesters r
      join facts f on f.customer_id = r.customer_id and f.key = ${factKey} and f.superseded_at is null
     where r.idea_id = ${ideaId} and r.workspace_id = ${scope.workspaceId}
       and f.workspace_id = ${scope.workspaceId}`.execute(scope.db);
  return { factKey, total: Number(rows[0]?.total ?? 0) };
}

/** The full idea as the reader may see it. */
export async function presentDetail(scope: TenantScope, reader: Reader, row: IdeaRow): Promise<IdeaDetail> {
  const settings = await loadSettings(scope);
  const [summary] = await summarize(scope, reader, [row], settings.statusLabels);
  const person = await peopleOf(scope, reader, [
    { customerId: row.author_customer_id, userId: row.author_user_id },
  ]);
  const duplicates = await scope
    .selectFrom("feedback_ideas")
    .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
    .select(["feedback_ideas.id", "feedback_ideas.number", "feedback_ideas.title", "feedback_ideas.slug"])
    .where("feedback_ideas.merged_into_id", "=", row.id)
    .where("feedback_ideas.deleted_at", "is", null)
    .where("b.visibility", "in", reader.visibilities)
    .orderBy("feedback_ideas.number")
    .execute();
  const history = await scope
    .selectFrom("feedback_status_changes")
    .select(["from_status", "to_status", "explanation", "created_at"])
    .where("idea_id", "=", row.id)
    .orderBy("id")
    .execute();
  const subscribed =
    reader.actor && (reader.staff || reader.customerId)
      ? await isSubscribed(scope, row.id, subscriberOf(reader.actor, reader.customerId))
      : false;
  return {
    ...(summary as IdeaSummary),
    description: row.description,
    descriptionHtml: renderArticle(row.description),
    statusExplanation: row.status_explanation,
    author: person({ customerId: row.author_customer_id, userId: row.author_user_id }),
    subscribed,
    duplicates: duplicates.map((d) => ({
      id: d.id,
      number: String(d.number),
      title: d.title,
      url: ideaUrl(d.number, d.slug),
    })),
    history: history.map((h) => ({
      from: h.from_status,
      to: h.to_status,
      explanation: h.explanation,
      at: iso(h.created_at as Date),
    })),
    comments: await commentsOf(scope, reader, row.id),
    requesterValue:
      reader.staff && settings.valueFactKey
        ? await requesterValue(scope, row.id, settings.valueFactKey)
        : null,
  };
}

export async function getIdea(ctx: Ctx, reader: Reader, idOrNumber: string): Promise<IdeaDetail> {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  return presentDetail(scope, reader, await readableIdea(scope, reader, idOrNumber));
}

const STATUS_LIST = /^[a-z_]+(,[a-z_]+)*$/;

/** Ideas the reader may see, filtered and sorted, a page at a time. */
export async function listIdeas(ctx: Ctx, reader: Reader, query: IdeaListQuery) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  let q = ideaQuery(scope).where("b.visibility", "in", reader.visibilities);
  if (query.boardId) {
    const board = await scope
      .selectFrom("feedback_boards")
      .select("visibility")
      .where("id", "=", query.boardId)
      .executeTakeFirst();
    if (!board || !reader.visibilities.includes(board.visibility)) throw boardNotFound("boardId");
    q = q.where("feedback_ideas.board_id", "=", query.boardId);
  }
  const statuses = query.status && STATUS_LIST.test(query.status) ? query.status.split(",") : [];
  // Duplicates live on only as pointers to their original: listed when asked for by name.
  if (statuses.length > 0) q = q.where("feedback_ideas.status", "in", statuses as IdeaRow["status"][]);
  if (!statuses.includes("duplicate")) q = q.where("feedback_ideas.merged_into_id", "is", null);
  if (query.tag) q = q.where(sql<boolean>`feedback_ideas.tags @> array[${query.tag}]::text[]`);
  if (query.q)
    q = q.where(sql<boolean>`feedback_ideas.search @@ websearch_to_tsquery('english', ${query.q})`);
  // Links to cases are staff knowledge: for anyone else this filter matches nothing.
  if (query.caseId) {
    const caseId = query.caseId;
    q = reader.triage
      ? q.where("feedback_ideas.id", "in", (eb) =>
          eb.selectFrom("feedback_idea_cases").select("idea_id").where("case_id", "=", caseId),
        )
      : q.where(sql<boolean>`false`);
  }
  const { total } = await q
    .clearSelect()
    .select(sql<number>`count(*)::int`.as("total"))
    .executeTakeFirstOrThrow();
  const offset = (query.page - 1) * query.pageSize;
  let rows: IdeaRow[];
  const scorer = query.sort === "score" ? ideaScorer() : null;
  if (scorer) {
    // The score is computed outside SQL: rank every match, then cut the page.
    const all = await q.clearSelect().select(["feedback_ideas.id", "feedback_ideas.vote_count"]).execute();
    const scores = await scorer(
      scope,
      all.map((r) => r.id),
    );
    const ranked = all
      .sort(
        (a, b) =>
          (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) ||
          b.vote_count - a.vote_count ||
          (a.id < b.id ? -1 : 1),
      )
      .slice(offset, offset + query.pageSize)
      .map((r) => r.id);
    const found =
      ranked.length > 0 ? await ideaQuery(scope).where("feedback_ideas.id", "in", ranked).execute() : [];
    const byId = new Map(found.map((r) => [r.id, r]));
    rows = ranked.map((id) => byId.get(id)).filter((r): r is IdeaRow => !!r);
  } else {
    const ordered =
      query.sort === "recent"
        ? q.orderBy("feedback_ideas.created_at", "desc")
        : q.orderBy("feedback_ideas.vote_count", "desc").orderBy("feedback_ideas.created_at", "desc");
    rows = await ordered.orderBy("feedback_ideas.id").limit(query.pageSize).offset(offset).execute();
  }
  const settings = await loadSettings(scope);
  return {
    items: await summarize(scope, reader, rows, settings.statusLabels),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
