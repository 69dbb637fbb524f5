import { type RawBuilder, sql } from "kysely";
import { CASE_STATUSES } from "../../../../contracts/cases.ts";
import { exactTime, isoTime, type Keyset } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { importNumberOf } from "../search/import-number.ts";
import { presentSla, slaColumns } from "../sla/present.ts";
import { stemsQuery } from "./stems-query.ts";

/** Cases with what a list row or a case header needs: customer, assignee and team names. */
function caseQuery(scope: TenantScope) {
  return scope
    .selectFrom("cases")
    .innerJoin("customers as cu", "cu.id", "cases.customer_id")
    .leftJoin("memberships as am", "am.id", "cases.assignee_id")
    .leftJoin("auth.user as au", "au.id", "am.user_id")
    .leftJoin("teams as t", "t.id", "cases.team_id")
    .select([
      "cases.id as id",
      "cases.number as number",
      "cases.subject as subject",
      "cases.status as status",
      "cases.priority as priority",
      "cases.channel as channel",
      "cases.tags as tags",
      "cases.customer_id as customerId",
      "cu.name as customerName",
      "cu.organization as customerOrganization",
      "cases.assignee_id as assigneeId",
      "au.name as assigneeName",
      "cases.team_id as teamId",
      "t.name as teamName",
      isoTime("cases.created_at").as("createdAt"),
      isoTime("cases.updated_at").as("updatedAt"),
      isoTime("cases.last_activity_at").as("lastActivityAt"),
      sql<string | null>`${isoTime("cases.waiting_since")}`.as("waitingSince"),
      exactTime("cases.last_activity_at").as("cursorAt"),
      "cases.merged_into_case_id as mergedIntoId",
      "cases.import_source as importSource",
      "cases.import_number as importNumber",
      ...slaColumns(),
      // Only tombstones (closed) pay for the survivor's number; inbox rows never do.
      sql<string | null>`case when cases.merged_into_case_id is null then null
        else (select s.number from cases s where s.id = cases.merged_into_case_id) end`.as(
        "mergedIntoNumber",
      ),
    ]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>["execute"]>>[number];

export function presentCase(r: CaseRow) {
  return {
    id: r.id,
    number: Number(r.number),
    subject: r.subject,
    status: r.status as "new",
    priority: r.priority as "normal",
    channel: r.channel,
    tags: r.tags,
    customer: { id: r.customerId, name: r.customerName, organization: r.customerOrganization },
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? "" } : null,
    team: r.teamId ? { id: r.teamId, name: r.teamName ?? "" } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    lastActivityAt: r.lastActivityAt,
    waitingSince: r.waitingSince,
    mergedInto: r.mergedIntoId ? { id: r.mergedIntoId, number: Number(r.mergedIntoNumber) } : null,
    sla: presentSla(r),
    importSource: r.importSource,
    importNumber: r.importNumber,
  };
}

/**
 * The next case number of the workspace, from its own sequence (migration 0009): no lock is
 * held, so concurrent creations do not queue. A rolled-back creation leaves a gap.
 */
export async function nextCaseNumber(scope: TenantScope): Promise<number> {
  const { rows } = await sql<{ n: string }>`select next_case_number(${scope.workspaceId}) as n`.execute(
    scope.db,
  );
  return Number(rows[0]?.n);
}

/** What a new case is opened with (both ways of inserting one take it). */
export type NewCaseFields = {
  customerId: string;
  subject: string;
  channel: string;
  priority: string;
  tags: string[];
  assigneeId: string | null;
  teamId: string | null;
};

export async function insertCase(scope: TenantScope, input: NewCaseFields & { number: number }) {
  const row = await scope
    .insertInto("cases", {
      number: input.number,
      customer_id: input.customerId,
      subject: input.subject,
      channel: input.channel,
      priority: input.priority,
      tags: input.tags,
      assignee_id: input.assigneeId,
      team_id: input.teamId,
      waiting_since: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findCase(scope: TenantScope, id: string) {
  return caseQuery(scope).where("cases.id", "=", id).executeTakeFirst();
}

export async function findCaseByNumber(scope: TenantScope, number: number) {
  return caseQuery(scope).where("cases.number", "=", number).executeTakeFirst();
}

export async function lockCase(scope: TenantScope, id: string) {
  return scope
    .selectFrom("cases")
    .select([
      "id",
      "customer_id as customerId",
      "status",
      "priority",
      "assignee_id as assigneeId",
      "team_id as teamId",
      "tags",
      "subject",
      "number",
      "channel",
      "merged_into_case_id as mergedIntoId",
    ])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export type CaseFilters = {
  statuses: string[] | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | undefined;
  tag?: string | undefined;
  customerId?: string | undefined;
  text?: string | undefined;
};

/**
 * Inbox order: most recent activity first; keyset on (last_activity_at, id). Open-status
 * lists read the partial indexes of migration 0009 (one per view), at any page depth.
 */
export async function listCases(
  scope: TenantScope,
  f: CaseFilters,
  after: Keyset | undefined,
  limit: number,
) {
  if (!f.text && !after) return filtered(scope, f, after, limit).execute();
  if (!f.text) {
    // After a cursor: the page's ids first, on the cases index alone, then the joins for those
    // rows only. With the joins over the rest of the view, PostgreSQL expected 300,000 rows,
    // sized a Memoize cache for them (0.7 ms before the first row) and, its generic plan
    // looking dearer than a custom one, planned the statement anew on every page: 1.8 ms
    // against 0.7 ms this way. (On the first page the plain query measured faster.)
    const page = idsInOrder(scope, f, after, limit + 1);
    return filtered(scope, f, after, limit).where(sql<boolean>`cases.id in (${page})`).execute();
  }
  // Text search: each way of matching is its own index-backed query (an OR across tables
  // defeats every index), fetched in the same order; the first limit+1 rows of their merge
  // are exactly those of the OR, so keyset paging stays correct.
  const text = f.text;
  const branches = textBranches(scope, text).map((b) => searchBranch(scope, f, after, limit, b));
  const seen = new Set<string>();
  return (await Promise.all(branches))
    .flat()
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .sort((a, b) => (a.cursorAt === b.cursorAt ? cmp(b.id, a.id) : cmp(b.cursorAt, a.cursorAt)))
    .slice(0, limit + 1);
}

/**
 * How many of the most recently active cases a text search checks one by one first when a
 * word is common: more for subject words (parsed from the row itself), fewer for message
 * words (one index probe per case). 500, not 5000: at 2 M cases checking 5000 rows cost ~27 ms
 * on every search that then fell back to the index anyway, while a word common enough to fill
 * a page is found within 500.
 */
const SUBJECT_WINDOW = 500;
const MESSAGE_WINDOW = 100;
/**
 * At most this many matches are taken from a branch's index. A word common in old cases but
 * absent from the recent window (after an outage filled the inbox with 30,000 cases about one
 * thing, "firmware reset" matched 2.3 M messages) otherwise made the index hand back millions
 * of ids: 11 s. Capped, it costs ~10 ms to fetch and ~30-80 ms to rank; the price is that in
 * this rare case the page shows the most recent of the first 10,000 matches found rather than
 * of all of them. Rare words, the index step's purpose, are unaffected.
 */
const INDEX_MATCHES = 10_000;

/** Words matching at most this many subjects or messages are rare: their matches are ranked directly. */
const RARE_MATCHES = 200;
/**
 * A word the planner estimates to match more rows than this is not probed (migration 0013):
 * reading its index would cost more than the recent window (16,700 subjects took 7.7 ms,
 * 344,000 messages 45 ms), and a scan may read the whole table.
 */
const COMMON_WORD = 5_000;

type Branch = {
  /** The test on a case row. */
  match: RawBuilder<boolean>;
  /**
   * The recent-window step: how many of the most recently active cases to test one by one,
   * and optionally the test written so that no index can serve it (see textBranches).
   * Without a window the branch is a single query (a case number).
   */
  window?: { size: number; match?: RawBuilder<boolean> };
  /**
   * Optional first step: one row with `ids`, at most RARE_MATCHES + 1 matching case ids from
   * the index, or null for a word the planner estimates to be common (COMMON_WORD). Fewer than
   * RARE_MATCHES + 1 means every match is known, and ranking them is the whole answer; more,
   * or null, means the word is common, and the window step is likely to fill the page.
   */
  probe?: RawBuilder<unknown>;
  /**
   * The index step for matches found outside the cases table (message words): the matching
   * case ids, capped. Without it, `match` itself is served by an index on cases.
   */
  ids?: RawBuilder<unknown>;
};

/**
 * One way of matching, in two steps, because no single plan suits both common and rare
 * words: first the branch's window of most recent cases are checked one by one (cheap, and enough
 * when the word is common); if that yields fewer than a page, the matches come from the
 * branch's own index (full-text GIN), which is cheap exactly when the word is rare. Both
 * steps return the first rows in inbox order, so the result is exact either way. Word
 * branches first probe the index for a few matches (see Branch.probe): a rare word is then
 * answered without the window step, which costs ~3-6 ms (500 subjects parsed, or one index
 * probe per recent case for messages).
 */
async function searchBranch(
  scope: TenantScope,
  f: CaseFilters,
  after: Keyset | undefined,
  limit: number,
  b: Branch,
) {
  if (!b.window) return filtered(scope, f, after, limit).where(b.match).execute();
  if (b.probe) {
    // null: the word is too common to probe (see migration 0013); go to the recent cases.
    const { rows } = await sql<{ ids: string[] | null }>`${b.probe}`.execute(scope.db);
    const found = rows[0]?.ids;
    if (found && found.length <= RARE_MATCHES) {
      if (found.length === 0) return [];
      const ids = [...new Set(found)];
      return filtered(scope, f, after, limit).where(sql<boolean>`cases.id = any(${ids}::uuid[])`).execute();
    }
  }
  const recent = await filtered(scope, f, after, limit)
    .where(b.window.match ?? b.match)
    .where(sql<boolean>`cases.id in (${idsInOrder(scope, f, after, b.window.size)})`)
    .execute();
  if (recent.length > limit) return recent;
  if (b.ids) {
    // array(…) runs the index lookup once, up front, whatever the planner thinks of its size;
    // the matches are ranked on the cases table alone, and only the page's rows are joined.
    const top = idsInOrder(scope, f, after, limit + 1).where(sql<boolean>`cases.id = any(array(${b.ids}))`);
    return filtered(scope, f, after, limit).where(sql<boolean>`cases.id in (${top})`).execute();
  }
  // The index step reads the matching rows anyway (the bitmap heap scan), so they are ranked
  // there, capped, instead of fetching ids and probing cases_pkey for each of them (with
  // subject fragments that was 8,000 probes for "415": 23 ms of a 40 ms search).
  let matched = scope
    .selectFrom("cases")
    .select(["cases.id", "cases.last_activity_at"])
    .where(b.match)
    .limit(literalLimit(INDEX_MATCHES));
  for (const w of filterSql(f, after)) matched = matched.where(w);
  const top = sql`select m.id from (${matched}) m
    order by m.last_activity_at desc, m.id desc limit ${literalLimit(limit + 1)}`;
  return filtered(scope, f, after, limit).where(sql<boolean>`cases.id in (${top})`).execute();
}

/** Ids of the first `count` cases in inbox order under the filters, without any join. */
function idsInOrder(scope: TenantScope, f: CaseFilters, after: Keyset | undefined, count: number) {
  let q = scope
    .selectFrom("cases")
    .select("cases.id")
    .orderBy("cases.last_activity_at", "desc")
    .orderBy("cases.id", "desc")
    .limit(literalLimit(count));
  for (const w of filterSql(f, after)) q = q.where(w);
  return q;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function filtered(scope: TenantScope, f: CaseFilters, after: Keyset | undefined, limit: number) {
  let q = caseQuery(scope)
    .orderBy("cases.last_activity_at", "desc")
    .orderBy("cases.id", "desc")
    .limit(literalLimit(limit + 1));
  for (const w of filterSql(f, after)) q = q.where(w);
  return q;
}

/**
 * "Most urgent first" (issue #18): the nearest SLA due time first, cases with none last, then
 * by activity. One page: an agent works the top of this list, and the expression matches the
 * partial index cases_sla_due_idx (migration 0037) for open cases.
 */
export async function listMostUrgent(scope: TenantScope, f: CaseFilters, limit: number) {
  let q = caseQuery(scope)
    .orderBy(
      sql`least(cases.sla_first_reply_due_at, cases.sla_next_reply_due_at, cases.sla_resolution_due_at) asc nulls last`,
    )
    .orderBy("cases.last_activity_at", "desc")
    .orderBy("cases.id", "desc")
    .limit(literalLimit(limit));
  for (const w of filterSql(f, undefined)) q = q.where(w);
  return q.execute();
}

/** The list filters and the keyset condition, usable on any query over `cases`. */
export function filterSql(f: CaseFilters, after: Keyset | undefined): RawBuilder<boolean>[] {
  const w: RawBuilder<boolean>[] = [];
  if (f.statuses) w.push(statusIn("cases.status", f.statuses));
  if (f.assigneeId === null) w.push(sql<boolean>`cases.assignee_id is null`);
  else if (f.assigneeId) w.push(sql<boolean>`cases.assignee_id = ${f.assigneeId}`);
  if (f.teamId) w.push(sql<boolean>`cases.team_id = ${f.teamId}`);
  if (f.tag) w.push(sql<boolean>`cases.tags @> array[${f.tag}]::text[]`);
  if (f.customerId) w.push(sql<boolean>`cases.customer_id = ${f.customerId}`);
  if (after) {
    w.push(sql<boolean>`(cases.last_activity_at, cases.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  return w;
}

/**
 * Subject words and message words, and the case number. Words match two ways, OR'd: as
 * written ('simple' words, so "quasar" finds "Quasar hum" and "quasar-like whine") and as
 * English stems, with compounds split and joined ("dropout" finds "drops out", "refunded"
 * finds "refunds"; see stems-query.ts and migration 0019), each through its own GIN index.
 * Subjects were matched by fragment (trigram) until the search box's cost was measured: a
 * subject fragment almost never fills the recent window, so every search paid the window step
 * and then the trigram index (~7 ms of a 15 ms search at 2 M cases); subject words are
 * answered by the probe in < 1 ms.
 */
function textBranches(scope: TenantScope, text: string): Branch[] {
  const ws = scope.workspaceId;
  const asNumber = /^#?\d{1,12}$/.test(text) ? Number(text.replace("#", "")) : undefined;
  const imported = importNumberOf(text);
  const words = sql`plainto_tsquery('simple', ${text})`;
  // An input with no letters or digits has no stems; '' is an empty query, which matches nothing.
  const stems = sql`to_tsquery('rapport_stems', ${stemsQuery(text)})`;
  const subjectWords = sql`(to_tsvector('simple', cases.subject) @@ ${words}
    or to_tsvector('rapport_stems', cases.subject) @@ ${stems})`;
  const bodyWords = sql`(m.body_tsv @@ ${words} or to_tsvector('rapport_stems', m.body) @@ ${stems})`;
  const probeArgs = sql`${ws}, ${words}, ${stems}, ${sql.lit(RARE_MATCHES + 1)}, ${sql.lit(COMMON_WORD)}`;
  return [
    {
      match: sql<boolean>`${subjectWords}`,
      // Through a function (migrations 0013, 0019): a word the planner estimates to be common
      // is not probed, because its sequential scan read nearly the whole table when the word
      // was common only among the newest cases; any other word is looked up by its indexes.
      probe: sql`select search_probe_subjects(${probeArgs}) as ids`,
      // "is true": the same test, written so that the window step checks its rows one by one
      // instead of asking the word index as well (the index step's work, done twice).
      window: { size: SUBJECT_WINDOW, match: sql<boolean>`${subjectWords} is true` },
    },
    ...(asNumber !== undefined ? [{ match: sql<boolean>`cases.number = ${asNumber}` }] : []),
    // An imported case by its original number (cases_import_number_idx, 0082).
    ...(imported !== undefined ? [{ match: sql<boolean>`cases.import_number = ${imported}` }] : []),
    {
      // A scalar subquery with LIMIT stays a per-row check of the recent window (an EXISTS
      // may be turned into a join that reads every matching message first).
      match: sql<boolean>`coalesce((select true from messages m
        where m.case_id = cases.id and m.workspace_id = ${ws} and ${bodyWords} limit 1), false)`,
      probe: sql`select search_probe_messages(${probeArgs}) as ids`,
      ids: sql`select m.case_id from messages m where m.workspace_id = ${ws} and ${bodyWords}
        limit ${sql.lit(INDEX_MATCHES)}`,
      window: { size: MESSAGE_WINDOW },
    },
  ];
}

/**
 * LIMIT written into the statement: with a parameter, a prepared statement's generic plan
 * assumes a tenth of the table is wanted and chose a parallel plan costing 10 ms for a
 * 51-row inbox page. Page sizes are few (the UI asks for 50), so the texts stay few.
 */
function literalLimit(n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Bad limit: ${n}`);
  return sql.lit(n);
}

/**
 * `column in ('open', …)` with the statuses written into the statement, not as parameters:
 * the inbox's partial indexes are defined on those statuses, and a prepared statement's
 * generic plan (see platform/db/prepared.ts) can only use them when the statement itself
 * names the statuses. Each is checked against the closed list first.
 */
export function statusIn(column: string, statuses: readonly string[]): RawBuilder<boolean> {
  for (const s of statuses) {
    if (!(CASE_STATUSES as readonly string[]).includes(s)) throw new Error(`Unknown case status: ${s}`);
  }
  return sql<boolean>`${sql.ref(column)} in (${sql.join(statuses.map((s) => sql.lit(s)))})`;
}

export async function updateCaseRow(
  scope: TenantScope,
  id: string,
  set: Partial<{
    subject: string;
    status: string;
    priority: string;
    assignee_id: string | null;
    team_id: string | null;
    tags: string[];
    waiting_since: Date | null;
    /** The pending reason "waiting on problem" (problems module). */
    waiting_on_problem_id: string | null;
    last_activity_at: Date;
  }>,
) {
  await scope
    .updateTable("cases")
    .set({ ...set, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}
