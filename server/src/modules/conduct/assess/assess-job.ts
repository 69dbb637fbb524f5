import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { type Executor, TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import type { ToneAssessment } from "../../../platform/text/tone/types.ts";
import type { AssessmentSource } from "../schema-conduct.ts";
import { readConductSettings } from "../settings.ts";
import { raisePriorityForFrustration } from "./frustration.ts";
import { ownWords } from "./own-words.ts";
import { runTone, TONE_MODEL } from "./tone-seam.ts";

// The log is optional: the demo loader runs the job without one.
type Ctx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "log">>;
type Queued = { id: string; workspace_id: string; source: AssessmentSource; source_id: string };
type Text = {
  id: string;
  workspace_id: string;
  body: string;
  customer_id: string | null;
  case_id: string | null;
  agent_name: string | null;
};

const BATCH = 200;

/**
 * The assessment job ("conduct.assess", every minute, and polled every few seconds by worker
 * processes): drains what the 0053 triggers queued — customer messages and customers'
 * community posts — runs the tone classifier on each, and stores one `text_assessments` row per
 * text. Never on the request path: intake only pays for the trigger's insert. A classifier
 * that throws leaves the row with `outcome = null` and the error, so the text is unassessed,
 * never rejected. One transaction per batch under an advisory lock (two workers never assess
 * the same batch; a crash redoes it); `on conflict do nothing` makes a redo harmless.
 * Returns how many texts it assessed, so callers can loop until the queue is empty.
 */
export async function runAssessments(ctx: Ctx, opts: { workspaceId?: string } = {}): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const { rows: lock } = await sql<{ ok: boolean }>`
      select pg_try_advisory_xact_lock(hashtext('conduct.assess')) as ok`.execute(tx);
    if (!lock[0]?.ok) return 0;
    const ws = opts.workspaceId ?? null;
    const { rows: queued } = await sql<Queued>`
      delete from assessment_queue where id in (
        select id from assessment_queue where ${ws}::uuid is null or workspace_id = ${ws}::uuid
         order by id limit ${BATCH})
      returning id, workspace_id, source, source_id`.execute(tx);
    if (queued.length === 0) return 0;
    const texts = await loadTexts(tx, queued);
    const settings = new Map<string, Awaited<ReturnType<typeof readConductSettings>>>();
    let assessed = 0;
    for (const q of queued.sort((a, b) => Number(a.id) - Number(b.id))) {
      const text = texts.get(`${q.source}:${q.source_id}`);
      // Deleted since it was queued (a post removed, a case purged): nothing to assess.
      if (!text) continue;
      const scope = new TenantScope(tx, q.workspace_id);
      let result: ToneAssessment | null = null;
      let error: string | null = null;
      try {
        result = runTone(ownWords(text.body), { agentNames: text.agent_name ? [text.agent_name] : [] });
      } catch (err) {
        error = err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
        ctx.log?.warn({ err, source: q.source, sourceId: q.source_id }, "tone assessment failed");
      }
      const inserted = await scope
        .insertInto("text_assessments", {
          source: q.source,
          source_id: q.source_id,
          customer_id: text.customer_id,
          case_id: text.case_id,
          outcome: result?.outcome ?? null,
          signals: JSON.stringify(result?.signals ?? []),
          mask_spans: JSON.stringify(result?.maskSpans ?? []),
          model: TONE_MODEL,
          error,
        })
        .onConflict((oc) => oc.columns(["workspace_id", "source", "source_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) continue;
      assessed++;
      if (q.source !== "message" || !text.case_id) continue;
      const angry = result?.outcome === "frustrated" || result?.outcome === "abusive";
      if (angry && text.customer_id) {
        let s = settings.get(q.workspace_id);
        if (!s) {
          s = await readConductSettings(scope);
          settings.set(q.workspace_id, s);
        }
        if (s.frustrationRaisesPriority) await raisePriorityForFrustration(scope, text.case_id, q.source_id);
        // The at-risk score counts frustration (repeats/risk.ts): have the repeats sweep re-read
        // this customer now that the assessment exists.
        await sql`insert into repeat_queue (workspace_id, customer_id, case_id, kind)
                  values (${q.workspace_id}, ${text.customer_id}, ${text.case_id}, 'message')`.execute(tx);
      }
      await publish(tx, {
        workspaceId: q.workspace_id,
        audience: { kind: "staff" },
        event: {
          type: "case.message_assessed",
          caseId: text.case_id,
          messageId: q.source_id,
          outcome: result?.outcome ?? null,
        },
      });
    }
    ctx.log?.debug({ queued: queued.length, assessed }, "texts assessed");
    return assessed;
  });
}

/**
 * Runs batches until the queue is empty (tests, the demo, the worker's poll). When another run
 * holds the lock, waits for it a little (up to ~10 s) rather than reporting an empty queue.
 */
export async function drainAssessments(ctx: Ctx, opts: { workspaceId?: string } = {}): Promise<number> {
  let total = 0;
  for (let waits = 0; waits < 100; ) {
    const n = await runAssessments(ctx, opts);
    total += n;
    if (n > 0) continue;
    const ws = opts.workspaceId ?? null;
    const { rows } = await sql<{ more: boolean }>`
      select exists (select 1 from assessment_queue
        where ${ws}::uuid is null or workspace_id = ${ws}::uuid) as more`.execute(ctx.db);
    if (!rows[0]?.more) break;
    waits++;
    await new Promise((r) => setTimeout(r, 100));
  }
  return total;
}

async function loadTexts(tx: Executor, queued: Queued[]) {
  const ids = (source: AssessmentSource) => queued.filter((q) => q.source === source).map((q) => q.source_id);
  const byKey = new Map<string, Text>();
  const messageIds = ids("message");
  if (messageIds.length > 0) {
    const { rows } = await sql<Text>`
      select m.id, m.workspace_id, m.body, c.customer_id, c.id as case_id, u.name as agent_name
        from messages m join cases c on c.id = m.case_id and c.workspace_id = m.workspace_id
        left join memberships am on am.id = c.assignee_id
        left join auth."user" u on u.id = am.user_id
       where m.id = any(${messageIds}::uuid[])`.execute(tx);
    for (const r of rows) byKey.set(`message:${r.id}`, r);
  }
  const postIds = ids("community_post");
  if (postIds.length > 0) {
    const { rows } = await sql<Text>`
      select p.id, p.workspace_id, p.body, cm.customer_id, null::uuid as case_id, null::text as agent_name
        from community_posts p join community_members cm on cm.id = p.author_member_id
       where p.id = any(${postIds}::uuid[])`.execute(tx);
    for (const r of rows) byKey.set(`community_post:${r.id}`, r);
  }
  // A call's note: the customer's words as the agent who took the call wrote them down.
  const callIds = ids("call_note");
  if (callIds.length > 0) {
    const { rows } = await sql<Text>`
      select k.id, k.workspace_id, k.note as body, k.customer_id, k.case_id, u.name as agent_name
        from calls k left join auth."user" u on u.id = k.ended_by
       where k.id = any(${callIds}::uuid[]) and k.note is not null`.execute(tx);
    for (const r of rows) byKey.set(`call_note:${r.id}`, r);
  }
  return byKey;
}

/**
 * The worker's quick path: every `everyMs`, assess whatever is queued (a cheap `exists` when
 * nothing is). Returns the stop function for the runtime's shutdown list.
 */
export function pollAssessments(ctx: Ctx, everyMs: number): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    // One drain at a time: a slow one is not stacked behind by later ticks.
    if (running || stopped) return;
    running = drainAssessments(ctx)
      .catch((err) => ctx.log?.error({ err }, "assessing queued texts failed"))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
