import { type DetectionSettings, MAX_PATTERNS } from "../../../../../contracts/problem-detection.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { bytesToVector } from "../../../platform/text/embedder.ts";
import { findSimilar } from "../../../platform/text/find-similar.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { createProblem } from "../problems.service.ts";
import {
  caseSignals,
  countPatterns,
  deletePattern,
  insertPattern,
  listPatterns,
  openProblemCases,
  upsertSettings,
} from "./detection.repo.ts";
import { detectionSettings, emergingIssues } from "./emerging.ts";
import { patternSlug, validatePattern } from "./patterns.ts";
import { computeSignals } from "./signals.ts";
import { signatureReason } from "./signatures.ts";

const scopeOf = (ctx: AppContext, actor: Actor) => new TenantScope(ctx.db, actor.workspaceId);

/**
 * Two texts this alike (cosine of USE-lite vectors) say the same thing: on the evaluation
 * set, pairs above it belong to the same problem nine times in ten (bench/GROUPING.md).
 */
export const SUGGEST_COSINE = 0.7;

const presentPattern = (p: { id: string; name: string; pattern: string; created_at: Date }) => ({
  id: p.id,
  name: p.name,
  pattern: p.pattern,
  createdAt: iso(p.created_at),
});

export async function patternsFor(ctx: AppContext, actor: Actor) {
  return { items: (await listPatterns(scopeOf(ctx, actor))).map(presentPattern) };
}

export async function addPattern(ctx: AppContext, actor: Actor, input: { name: string; pattern: string }) {
  validatePattern(input.pattern);
  const scope = scopeOf(ctx, actor);
  if ((await countPatterns(scope)) >= MAX_PATTERNS) {
    throw new AppError("validation_failed", `A workspace has at most ${MAX_PATTERNS} patterns`, "pattern");
  }
  const taken = (await listPatterns(scope)).some((p) => patternSlug(p.name) === patternSlug(input.name));
  const row = taken ? undefined : await insertPattern(scope, { ...input, createdBy: actor.userId });
  if (!row) throw new AppError("conflict", "A pattern with this name already exists", "name");
  return presentPattern(row);
}

export async function removePattern(ctx: AppContext, actor: Actor, id: string) {
  if (!(await deletePattern(scopeOf(ctx, actor), id)))
    throw new AppError("not_found", "Pattern was not found");
}

export async function settingsFor(ctx: AppContext, actor: Actor) {
  return detectionSettings(scopeOf(ctx, actor));
}

export async function saveSettings(ctx: AppContext, actor: Actor, s: DetectionSettings) {
  await upsertSettings(scopeOf(ctx, actor), s);
  return s;
}

export async function emergingFor(ctx: AppContext, actor: Actor) {
  return { items: await emergingIssues(ctx, scopeOf(ctx, actor)) };
}

/**
 * One click: a problem from an emerging group, titled by its label unless a title is given,
 * with the group's cases linked and the reason recorded on each link. The group is computed
 * again, so a group that stopped qualifying (its cases linked meanwhile) is 404, not a
 * problem with stale cases.
 */
export async function problemFromEmerging(ctx: AppContext, actor: Actor, key: string, title?: string) {
  const item = (await emergingIssues(ctx, scopeOf(ctx, actor))).find((i) => i.key === key);
  if (!item) throw new AppError("not_found", "No emerging issue has this key (any more)");
  const reason =
    item.kind === "signature"
      ? signatureReason(key.slice("signature:".length))
      : `similar text: ${item.label}`.slice(0, 200);
  // One transaction: a problem is never left without the cases it was made from.
  const problem = await createProblem(
    ctx,
    actor,
    { title: title ?? item.label.slice(0, 200), affectedProducts: [], caseIds: item.caseIds },
    { linkReason: reason },
  );
  return { id: problem.id, number: problem.number, title: problem.title, caseIds: item.caseIds };
}

/**
 * Open problems this case probably belongs to: a linked case shares one of its signatures
 * ("same error code 1013"), or several linked cases say what it says ("similar to 14 linked
 * cases"). Problems the case is already linked to are left out.
 */
export async function suggestionsFor(ctx: AppContext, actor: Actor, caseId: string) {
  const scope = scopeOf(ctx, actor);
  const found = await scope.selectFrom("cases").select("id").where("id", "=", caseId).executeTakeFirst();
  if (!found) throw new AppError("not_found", "Case was not found");
  const modelId = sharedEmbedder().modelId;
  let mine = await caseSignals(scope, caseId);
  if (!mine || mine.model_id !== modelId) {
    await computeSignals(ctx, scope, [caseId]);
    mine = await caseSignals(scope, caseId);
  }
  let linked = await openProblemCases(scope, caseId);
  // Linked cases the sweep has not reached yet (just linked, or older than its window).
  const missing = [...new Set(linked.filter((l) => l.model_id !== modelId).map((l) => l.case_id))];
  if (missing.length > 0) {
    await computeSignals(ctx, scope, missing.slice(0, 256));
    linked = await openProblemCases(scope, caseId);
  }
  if (!mine || linked.length === 0) return { items: [] };

  const similar = await findSimilar(
    scope.db,
    {
      table: "case_text_signals",
      id: "case_id",
      workspace: "workspace_id",
      tsv: "body_tsv",
      vector: "vector",
      model: "model_id",
    },
    {
      workspaceId: scope.workspaceId,
      text: mine.body,
      vector: mine.vector ? bytesToVector(mine.vector) : null,
      modelId,
      candidateIds: [...new Set(linked.map((l) => l.case_id))],
      limit: 200,
    },
  );
  const alike = new Set(similar.filter((h) => (h.cosine ?? 0) >= SUGGEST_COSINE).map((h) => h.id));

  const byProblem = new Map<
    string,
    { p: (typeof linked)[number]; shared: Map<string, number>; alike: number }
  >();
  for (const l of linked) {
    const entry = byProblem.get(l.problem_id) ?? { p: l, shared: new Map(), alike: 0 };
    for (const sig of l.signatures ?? []) {
      if (mine.signatures.includes(sig)) entry.shared.set(sig, (entry.shared.get(sig) ?? 0) + 1);
    }
    if (alike.has(l.case_id)) entry.alike++;
    byProblem.set(l.problem_id, entry);
  }
  const items = [];
  for (const { p, shared, alike: n } of byProblem.values()) {
    const top = [...shared].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (!top && n === 0) continue;
    const reason = top ? signatureReason(top[0]) : `similar to ${n} linked case${n === 1 ? "" : "s"}`;
    items.push({
      problemId: p.problem_id,
      number: p.number,
      title: p.title,
      status: p.status,
      reason,
      rank: top ? 1e6 + top[1] : n,
    });
  }
  items.sort((a, b) => b.rank - a.rank || a.number - b.number);
  return { items: items.slice(0, 10).map(({ rank: _r, ...rest }) => rest) };
}
