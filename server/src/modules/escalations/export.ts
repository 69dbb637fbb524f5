import { Readable } from "node:stream";
import yazl from "yazl";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { getCaseFor } from "../cases/cases.service.ts";
import { listMessagesFor, readAttachment } from "../cases/conversation.service.ts";
import { getSnapshot, listCaseSnapshots } from "../diagnostics/diagnostics-read.service.ts";
import { diffSnapshots } from "../diagnostics/diff.ts";
import { listTimeline } from "../timeline/timeline.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";
import { caseTasks, getEscalation } from "./escalations.service.ts";

type Ctx = Pick<AppContext, "db" | "files" | "config">;
const MAX_PAGES = 40; // 40 × 200 timeline events / 100 snapshots / 100 messages is plenty for a bug report

async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

/**
 * Everything an external bug tracker needs about one escalation, as one JSON document:
 * the case, a customer summary (no identities or secrets; snapshot secrets were masked on
 * arrival), the timeline oldest first, snapshots with their data, the diff between each
 * device's consecutive snapshots, playbook runs, notes and tasks. Built through the same
 * services the API uses, as the calling staff member.
 */
export async function buildExportDocument(
  ctx: Ctx,
  actor: Actor,
  escalationId: string,
  playbookRuns: unknown[] | null,
) {
  const escalation = await getEscalation(ctx, actor, escalationId);
  const caseId = escalation.caseId;
  const c = await getCaseFor(ctx, actor, caseId);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const timeline = (
    await allPages((cursor) => listTimeline(scope, { caseId, includeNotes: true }, { cursor, limit: 200 }))
  ).reverse();
  const snapshotList = await allPages((cursor) =>
    listCaseSnapshots(ctx, actor, caseId, { cursor, limit: 100 }),
  );
  const snapshots = [];
  for (const s of [...snapshotList].reverse()) snapshots.push(await getSnapshot(ctx, actor, s.id));
  // Consecutive pairs per device (oldest first), so each diff answers "what changed next".
  const diffs = [];
  const lastOnDevice = new Map<string, (typeof snapshots)[number]>();
  for (const s of snapshots) {
    const key = s.deviceId ?? "no-device";
    const previous = lastOnDevice.get(key);
    // The data is already loaded: compare it here rather than read both snapshots again.
    if (previous)
      diffs.push({
        deviceSerial: s.deviceSerial,
        from: { id: previous.id, capturedAt: previous.capturedAt },
        to: { id: s.id, capturedAt: s.capturedAt },
        changes: diffSnapshots(previous.data, s.data),
      });
    lastOnDevice.set(key, s);
  }
  const messages = await allPages((cursor) => listMessagesFor(ctx, actor, caseId, { cursor, limit: 100 }));
  const notes = messages
    .filter((m) => m.kind === "note")
    .map((m) => ({ id: m.id, author: m.author.name, body: m.body, createdAt: m.createdAt }));
  const attachments = messages.flatMap((m) =>
    m.attachments.map((a) => ({
      id: a.id,
      messageId: m.id,
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      path: `attachments/${a.id}-${safeName(a.name)}`,
    })),
  );
  const document = {
    format: "rapport.escalation-export/1",
    exportedAt: new Date().toISOString(),
    exportedBy: actor.name,
    escalation,
    case: {
      id: c.id,
      number: c.number,
      subject: c.subject,
      status: c.status,
      priority: c.priority,
      channel: c.channel,
      tags: c.tags,
      createdAt: c.createdAt,
      url: `${await workspaceUrl(ctx, actor.workspaceId)}/app/cases/${c.id}`,
    },
    customer: {
      id: c.customer.id,
      name: c.customer.name,
      organization: c.customer.organization,
      devices: [
        ...new Map(snapshots.filter((s) => s.deviceId).map((s) => [s.deviceId, s.deviceSerial])).entries(),
      ].map(([id, serial]) => ({ id, serial })),
    },
    timeline,
    snapshots,
    diffs,
    playbookRuns: playbookRuns ?? timeline.filter((e) => e.kind.startsWith("playbook.")),
    playbookRunsSource: playbookRuns ? "playbook-runs" : "timeline-events",
    notes,
    tasks: (await caseTasks(ctx, actor, caseId)).items,
    attachments,
  };
  return { document, attachments, caseNumber: c.number };
}

const safeName = (name: string) => name.replace(/[^\w.() -]/g, "_").slice(0, 120) || "file";

/** The zip: escalation.json first, then each attachment read from storage one at a time. */
export function exportZip(
  ctx: Ctx,
  actor: Actor,
  built: Awaited<ReturnType<typeof buildExportDocument>>,
): Readable {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(built.document, null, 2)), "escalation.json");
  for (const a of built.attachments) {
    zip.addReadStreamLazy(a.path, (done) => {
      readAttachment(ctx, actor, a.id).then(
        (file) => done(null, Readable.from([file.bytes])),
        (err) => done(err, Readable.from([])),
      );
    });
  }
  zip.end();
  return zip.outputStream as Readable;
}
