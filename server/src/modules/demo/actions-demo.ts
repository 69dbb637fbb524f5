import type { ActionInput } from "../../../../contracts/actions.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { loadOrCreateSecrets } from "../../platform/secrets.ts";
import { createAction } from "../actions/actions.service.ts";
import { DEMO_FULFILMENT_PATH } from "../actions/demo-fulfilment.ts";
import { runAction } from "../actions/runs.service.ts";
import { urlForHost } from "../workspaces/workspace-url.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files"> & Partial<Pick<AppContext, "boss" | "secret">>;

/**
 * The demo's actions (issue #18), aimed at Rapport's built-in demo fulfilment endpoint so they
 * work with no outside system: ship a replacement modem to the address on file, start a modem
 * rental, and issue a credit that waits for a manager above 50. One shipment is already on
 * Ana's first case so its timeline shows what a run looks like. Runs again harmlessly: actions
 * are made once by name, and the shipment's Idempotency-Key makes it the same run.
 */
const ACTIONS = (base: string): ActionInput[] => [
  {
    name: "Ship a replacement modem",
    icon: "truck",
    url: `${base}${DEMO_FULFILMENT_PATH}ship`,
    fields: [
      { key: "address", label: "Ship to", type: "textarea", default: "{{fact.address}}", required: true },
      {
        key: "model",
        label: "Model",
        type: "select",
        options: ["NetHub AX1800", "NetHub AX3000"],
        default: "NetHub AX1800",
        required: true,
      },
      { key: "express", label: "Express delivery", type: "boolean", default: false },
      {
        key: "note",
        label: "Note for the warehouse",
        type: "text",
        default: "For {{customer.name}}, case {{case.number}}",
      },
    ],
    roles: ["agent"],
  },
  {
    name: "Start a modem rental",
    icon: "router",
    url: `${base}${DEMO_FULFILMENT_PATH}rental`,
    fields: [
      {
        key: "plan",
        label: "Plan",
        type: "select",
        options: ["Monthly", "Yearly"],
        default: "Monthly",
        required: true,
      },
      { key: "start", label: "Start date", type: "date", required: true },
      { key: "address", label: "Ship to", type: "textarea", default: "{{fact.address}}", required: true },
    ],
    roles: ["agent"],
  },
  {
    name: "Issue a credit",
    icon: "coin",
    url: `${base}${DEMO_FULFILMENT_PATH}credit`,
    fields: [
      { key: "amount", label: "Amount (USD)", type: "number", required: true },
      { key: "reason", label: "Reason", type: "text", required: true },
    ],
    roles: ["agent"],
    approvalAbove: 50,
  },
];

export async function loadActionsDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  // The CLI has no runtime: the sealing secret is the one the server will use.
  const secret = ctx.secret ?? ctx.config.authSecret ?? loadOrCreateSecrets(ctx.config.dataDir).authSecret;
  const full = { ...ctx, secret };
  const admin = await staffActor(ctx, sample.staff[0].email);
  const agent = await staffActor(ctx, sample.staff[1].email);
  if (!admin || !agent) return;
  const scope = new TenantScope(ctx.db, workspaceId);
  const ws = await ctx.db
    .selectFrom("workspaces")
    .select("host")
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  const base = urlForHost(ctx.config.publicUrl, ws?.host);
  const existing = new Set(
    (await scope.selectFrom("actions").select("name").where("deleted_at", "is", null).execute()).map(
      (a) => a.name,
    ),
  );
  // The built-in endpoint is Rapport itself: the guard would refuse it, and it is never called over the network.
  const demoConfig = { ...ctx.config, webhookAllowPrivate: true };
  for (const action of ACTIONS(base)) {
    if (!existing.has(action.name)) await createAction({ ...full, config: demoConfig }, admin, action);
  }
  const ship = await scope
    .selectFrom("actions")
    .select("id")
    .where("name", "=", "Ship a replacement modem")
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  const c = await scope
    .selectFrom("cases")
    .select("id")
    .where("subject", "=", sample.customers[0]?.cases[0]?.subject ?? "")
    .orderBy("created_at")
    .executeTakeFirst();
  if (!ship || !c) return;
  const address = sample.customers[0]?.facts.address ?? "";
  await runAction(
    full,
    agent,
    c.id,
    ship.id,
    { address, model: "NetHub AX1800", express: true },
    "demo-ship-replacement-1",
  );
}
