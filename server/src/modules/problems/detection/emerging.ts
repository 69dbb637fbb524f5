import type { DetectionSettings, EmergingItem } from "../../../../../contracts/problem-detection.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { bytesToVector } from "../../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { findSettings, listPatterns, type WindowCase, windowCases } from "./detection.repo.ts";
import { clusterVectors, groupBySignature, representative, textVectors } from "./grouping.ts";
import { patternSlug } from "./patterns.ts";
import { catchUp } from "./signals.ts";
import { signatureLabel } from "./signatures.ts";

export const DEFAULT_SETTINGS: DetectionSettings = { minCases: 5, minCustomers: 3, windowHours: 72 };

// A text group whose cases are mostly one listed signature group says nothing new.
const DUPLICATE_SHARE = 0.8;

export async function detectionSettings(scope: TenantScope): Promise<DetectionSettings> {
  const row = await findSettings(scope);
  return row
    ? { minCases: row.min_cases, minCustomers: row.min_customers, windowHours: row.window_hours }
    : DEFAULT_SETTINGS;
}

/**
 * Signatures and text groups seen in at least N cases from at least M customers within the
 * last T hours, among cases not yet linked to a problem. Largest first.
 */
export async function emergingIssues(ctx: AppContext, scope: TenantScope): Promise<EmergingItem[]> {
  const s = await detectionSettings(scope);
  const since = new Date(Date.now() - s.windowHours * 3600_000);
  await catchUp(ctx, scope, since);
  const cases = await windowCases(scope, since);
  const names = new Map((await listPatterns(scope)).map((p) => [patternSlug(p.name), p.name]));
  const qualifies = (cs: WindowCase[]) =>
    cs.length >= s.minCases && new Set(cs.map((c) => c.customer_id)).size >= s.minCustomers;

  const items: EmergingItem[] = [];
  const listed: Array<Set<string>> = [];
  for (const [sig, cs] of groupBySignature(cases)) {
    if (!qualifies(cs)) continue;
    listed.push(new Set(cs.map((c) => c.id)));
    items.push(present(`signature:${sig}`, "signature", signatureLabel(sig, names), cs));
  }

  const modelId = sharedEmbedder().modelId;
  const embedded = cases.filter((c) => c.vector && c.model_id === modelId);
  const vectors = textVectors(
    embedded.map((c) => bytesToVector(c.vector as Buffer)),
    embedded.map((c) => c.body),
    modelId,
  );
  const groups = new Map<number, number[]>();
  clusterVectors(vectors).forEach((g, i) => {
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  for (const members of groups.values()) {
    const cs = members.map((i) => embedded[i] as WindowCase);
    if (!qualifies(cs)) continue;
    const duplicate = listed.some(
      (ids) => cs.filter((c) => ids.has(c.id)).length >= DUPLICATE_SHARE * cs.length,
    );
    if (duplicate) continue;
    const rep = cs[representative(members.map((i) => vectors[i] as Float32Array))] as WindowCase;
    // Keyed by its earliest case, which stays the same while the group grows.
    items.push(present(`text:${(cs[0] as WindowCase).id}`, "text", rep.subject, cs));
  }
  return items.sort((a, b) => b.caseCount - a.caseCount || b.lastSeenAt.localeCompare(a.lastSeenAt));
}

function present(key: string, kind: "signature" | "text", label: string, cs: WindowCase[]): EmergingItem {
  const times = cs.map((c) => c.created_at.getTime());
  const newest = [...cs].sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
  return {
    key,
    kind,
    label,
    caseCount: cs.length,
    customerCount: new Set(cs.map((c) => c.customer_id)).size,
    firstSeenAt: new Date(Math.min(...times)).toISOString(),
    lastSeenAt: new Date(Math.max(...times)).toISOString(),
    sampleCases: newest
      .slice(0, 5)
      .map((c) => ({ id: c.id, number: c.number, subject: c.subject, customerName: c.customer_name })),
    caseIds: cs.map((c) => c.id),
    frustratedCount: cs.filter((c) => c.frustrated).length,
  };
}
