import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { insertCase, nextCaseNumber } from "../cases/cases.repo.ts";
import { creationNeeds } from "../cases/create-case.repo.ts";
import { routeForConduct } from "../conduct/ladder/route-hook.ts";
import { lockRoutingChoice, routedEventData, routeNewCase } from "../routing/route.ts";
import { appendEvent, type Doer } from "../timeline/timeline.ts";

/** Every channel thread's case carries this channel, and its messages too (issue #22). */
export const SOCIAL = "social";

/**
 * Opens the case of a new channel thread inside the caller's transaction, the way an emailed
 * case is opened (email/process.ts): routed under the workspace's routing lock (taken before the
 * case number's row lock, in the order case creation takes them), the staff-protection step,
 * `case.created` (and `case.routed`) on the timeline, and the inbox's realtime notice. The
 * caller adds the first message.
 */
export async function openChannelCase(
  ctx: Partial<Pick<AppContext, "boss" | "config" | "log">>,
  scope: TenantScope,
  c: { customerId: string; subject: string; text: string; doer: Doer },
): Promise<string> {
  const tx = scope.db;
  const routes = (await creationNeeds(tx, scope.workspaceId)).routing;
  if (routes) await lockRoutingChoice(tx, scope.workspaceId);
  const number = await nextCaseNumber(scope);
  const routed = routes
    ? await routeNewCase(tx, scope.workspaceId, {
        customerId: c.customerId,
        channel: SOCIAL,
        tags: [],
        message: c.text,
      })
    : null;
  const caseId = await insertCase(scope, {
    number,
    customerId: c.customerId,
    subject: c.subject,
    channel: SOCIAL,
    priority: "normal",
    tags: [],
    assigneeId: routed?.assigneeId ?? null,
    teamId: routed?.teamId ?? null,
  });
  await routeForConduct(ctx, scope, {
    caseId,
    customerId: c.customerId,
    channel: SOCIAL,
    subject: c.subject,
  });
  await appendEvent(scope, {
    customerId: c.customerId,
    caseId,
    kind: "case.created",
    data: { number, subject: c.subject, channel: SOCIAL },
    doer: c.doer,
  });
  if (routed)
    await appendEvent(scope, {
      customerId: c.customerId,
      caseId,
      kind: "case.routed",
      data: routedEventData(routed),
      doer: { userId: null, name: "Routing" },
    });
  await publish(tx, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.created", caseId, number, customerId: c.customerId },
  });
  return caseId;
}

/** A case's subject from its first message: its first line, or who wrote when there is no text. */
export function subjectFrom(text: string, senderName: string): string {
  const line =
    text
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? "";
  if (!line) return `Message from ${senderName}`.slice(0, 200);
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
