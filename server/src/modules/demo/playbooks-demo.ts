import { sql } from "kysely";
import type { Definition } from "../../../../contracts/playbooks.ts";
import { permissionsOf } from "../../platform/auth/permissions.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findActorForUser } from "../accounts/memberships.repo.ts";
import { findUserByEmail } from "../accounts/users.repo.ts";
import { captureSnapshot } from "../diagnostics/diagnostics.service.ts";
import { createPlaybook, publish } from "../playbooks/playbooks.service.ts";
import { answerStep, startCaseRun } from "../playbooks/runs.service.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files">;
const SLUG = "error-1013";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The "Error 1013" guide: the light, a restart, then a snapshot decides (error code, then signal). */
export const error1013: Definition = {
  name: "Error 1013: speakers cannot reach the update server",
  summary:
    "The app shows error 1013 when a speaker cannot download an update. Most of the time the router is to blame.",
  topics: ["error 1013", "1013", "update failed", "cannot update"],
  start: "router-light",
  steps: [
    {
      id: "router-light",
      kind: "question",
      title: "What colour is the light on the front of your router?",
      body: "It is the small light labelled “Internet” or with a globe symbol.",
      choices: [
        { label: "Steady green or white", next: "app-snapshot" },
        { label: "Red, orange or blinking", next: "restart-router" },
        { label: "No light at all", next: "power" },
      ],
    },
    {
      id: "power",
      kind: "outcome",
      title: "Check the router's power cable and the wall socket, then start again",
      outcome: "resolved",
    },
    {
      id: "restart-router",
      kind: "instruction",
      title: "Restart your router",
      body: "1. Pull the router's power plug out of the wall.\n2. Count slowly to 30.\n3. Plug it back in.\n4. Wait until the Internet light is steady (about 2 minutes).",
      next: "app-snapshot",
    },
    {
      id: "app-snapshot",
      kind: "check",
      title: "Send a diagnostic from the Soundwave app",
      body: "Open the Soundwave app, tap Settings → Help → Send diagnostics, and type the code you are given.",
      branches: [
        { when: "update.last_error = 1013", next: "engineering" },
        { when: "error_code = 1013", next: "engineering" },
        { when: "wifi.signal_dbm < -70", next: "move-closer" },
      ],
      otherwise: "update-now",
    },
    {
      id: "move-closer",
      kind: "instruction",
      title: "Move the speaker closer to the router",
      body: "The Wi-Fi signal at the speaker is weak. Move it into the same room as the router, or add a mesh point, then try the update again.",
      next: "retry",
    },
    {
      id: "update-now",
      kind: "instruction",
      title: "Start the update again from the app",
      body: "In the app, tap the speaker, then Settings → Software update → Update now.",
      next: "retry",
    },
    {
      id: "retry",
      kind: "question",
      title: "Did the update finish this time?",
      choices: [
        { label: "Yes, it worked", next: "resolved" },
        { label: "No, error 1013 again", next: "engineering" },
      ],
    },
    { id: "resolved", kind: "outcome", title: "The speaker is up to date", outcome: "resolved" },
    {
      id: "engineering",
      kind: "outcome",
      title: "Hand over to engineering with the diagnostic",
      body: "The speaker still cannot reach the update server. Escalate the case with the snapshot attached.",
      outcome: "escalate",
    },
  ],
};

/** Weeks of snapshots for two routers: signal sliding and firmware changing. */
const HISTORIES: Array<{ serial: string; weeksAgo: number; data: Record<string, unknown> }> = [
  ...[
    [8, -52, "3.2.5", null],
    [6, -55, "3.2.5", null],
    [4, -61, "3.2.6", null],
    [2, -68, "3.2.7", null],
    [0, -74, "3.2.7", 1013],
  ].map(([weeksAgo, signal, firmware, error]) => ({
    serial: "NHX-4471B0",
    weeksAgo: weeksAgo as number,
    data: {
      model: "NetHub AX3000",
      firmware,
      wifi: { band: "5GHz", channel: 36, signal_dbm: signal, clients: 7 },
      wan: { status: "up", dns: ["192.168.1.1"] },
      error_code: error,
    },
  })),
  ...[
    [6, -60, "3.1.8"],
    [3, -63, "3.1.9"],
    [1, -58, "3.1.9"],
  ].map(([weeksAgo, signal, firmware]) => ({
    serial: "NHX-11F2C9",
    weeksAgo: weeksAgo as number,
    data: {
      model: "NetHub AX1800",
      firmware,
      wifi: { band: "2.4GHz", channel: 6, signal_dbm: signal, clients: 3 },
      wan: { status: "up" },
      error_code: 0,
    },
  })),
];

async function staffActor(ctx: Ctx, email: string): Promise<Actor | undefined> {
  const user = await findUserByEmail(ctx.db, email);
  const row = user ? await findActorForUser(ctx.db, user.id, undefined) : undefined;
  return row ? { ...row, via: "session", permissions: permissionsOf(row.role) } : undefined;
}

/**
 * The published "Error 1013" playbook, router snapshot histories over several weeks, and one
 * finished run on Maria's error-1013 case. Runs again harmlessly: what exists is left alone.
 */
export async function loadPlaybooksDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  const agent = await staffActor(ctx, sample.staff[1].email);
  if (!agent) return;

  for (const serial of new Set(HISTORIES.map((h) => h.serial))) {
    const device = await scope
      .selectFrom("devices")
      .select(["id", "customer_id"])
      .where("serial", "=", serial)
      .executeTakeFirst();
    if (!device) continue;
    const has = await scope
      .selectFrom("diagnostic_snapshots")
      .select("id")
      .where("device_id", "=", device.id)
      .executeTakeFirst();
    if (has) continue;
    for (const [i, h] of HISTORIES.filter((x) => x.serial === serial).entries()) {
      const snap = await captureSnapshot(ctx, agent, {
        customerId: device.customer_id,
        deviceSerial: serial,
        source: "device",
        data: h.data,
      });
      // A history needs dates in the past; the demo backdates what it just captured, at a
      // different time of day each week (devices report when they are used), and its entry too.
      const capturedAt = new Date(
        Date.now() - h.weeksAgo * 7 * DAY - (2 + ((i * 7) % 13)) * HOUR - i * 17 * 60_000,
      );
      await scope
        .updateTable("diagnostic_snapshots")
        .set({ captured_at: capturedAt })
        .where("id", "=", snap.id)
        .execute();
      await scope
        .updateTable("timeline_events")
        .set({ occurred_at: capturedAt })
        .where(sql<boolean>`data->>'snapshotId' = ${snap.id}`)
        .execute();
    }
  }

  const existing = await scope
    .selectFrom("playbooks")
    .select("id")
    .where("slug", "=", SLUG)
    .executeTakeFirst();
  if (existing) return;
  const created = await createPlaybook(ctx, agent, { slug: SLUG, definition: error1013 });
  await publish(ctx, agent, created.id);

  // One run on Maria's case: the check saw error 1013 and sent it to engineering.
  const c = await scope
    .selectFrom("cases")
    .select(["id", "customer_id as customerId"])
    .where("subject", "=", "Error 1013 when updating my speakers")
    .executeTakeFirst();
  if (!c) return;
  const run = await startCaseRun(ctx, agent, c.id, created.id);
  await answerStep(ctx, agent, run.id, { stepId: "router-light", choice: 1 });
  await answerStep(ctx, agent, run.id, { stepId: "restart-router" });
  const snap = await captureSnapshot(ctx, agent, {
    customerId: c.customerId,
    deviceSerial: "NHX-4471B0",
    caseId: c.id,
    source: "app",
    data: { model: "NetHub AX3000", firmware: "3.2.7", wifi: { signal_dbm: -73 }, error_code: 1013 },
  });
  await answerStep(ctx, agent, run.id, { stepId: "app-snapshot", snapshotId: snap.id });
}
