import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { assessTone, TONE_MODEL } from "../../platform/text/tone/assess.ts";
import { createCase } from "../cases/cases.service.ts";
import { takeStep } from "../conduct/ladder/steps.service.ts";
import { createCustomer } from "../customers/customers.service.ts";
import { daysAgoAt, retimeCase } from "./demo-clock.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files"> & Partial<Pick<AppContext, "boss">>;

const ABUSIVE = {
  name: "Victor Crane",
  email: "victor.crane@example.com",
  messages: [
    ["Order 5521 still not shipped", "You are a useless idiot, Dana. Where is my order?"],
    ["Refund for the Arc speaker", "Listen you moron, refund me today or you will regret it."],
    ["Still waiting", "Shut up and do your job, you pathetic clown."],
  ],
};

const FRUSTRATED = [
  {
    name: "Hannah Brooks",
    email: "hannah.brooks@example.com",
    subject: "Third firmware update that broke my speakers",
    message:
      "This is the third time your update broke my speakers and I'm furious. This product is garbage right now and I want it fixed.",
  },
  {
    name: "Omar Haddad",
    email: "omar.haddad@example.com",
    subject: "Soundbar dropping Wi-Fi every evening",
    message:
      "I am so fed up with this damn soundbar. It drops the Wi-Fi every single evening and nothing in your guide helps. Ridiculous for the price.",
  },
  {
    name: "Greta Lind",
    email: "greta.lind@example.com",
    subject: "App keeps crashing on pairing",
    message:
      "Your app is a disaster. It crashes every time I try to pair, I've wasted two hours on this and I'm really angry.",
  },
];

/**
 * Staff protection (issue #20): one customer at the warning stage (three abusive messages,
 * confirmed by the manager, and a warning sent), and several frustrated customers who wrote
 * strongly about the product and are not flagged. Each message is assessed by calling the
 * classifier directly and writing the row, as the assessment job would; the abusive ones get a
 * person's verdict. The cases are dated over the last days (the abuse a few days apart, the
 * warning today), as the rest of the demo's history is. Runs again harmlessly: a customer who
 * exists already is left as they are.
 */
export async function loadConductDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const written = new Date(Date.now() - 1000);
  const manager = await staffActor(ctx, sample.staff[0].email);
  const agent = await staffActor(ctx, sample.staff[1].email);
  if (!manager || !agent) return;
  const scope = new TenantScope(ctx.db, workspaceId);
  const exists = async (email: string) =>
    (await scope
      .selectFrom("customer_identities")
      .select("id")
      .where("kind", "=", "email")
      .where("value", "=", email)
      .executeTakeFirst()) !== undefined;

  for (const [i, f] of FRUSTRATED.entries()) {
    if (await exists(f.email)) continue;
    const customer = await createCustomer(ctx, agent, {
      name: f.name,
      emails: [f.email],
      phones: [],
      accounts: [],
    });
    const c = await createCase(ctx, agent, {
      customerId: customer.id,
      subject: f.subject,
      message: f.message,
      channel: "email",
    });
    await retimeCase(ctx.db, workspaceId, c.id, daysAgoAt(2 + i, "14:40"), written);
    await assess(ctx, workspaceId, customer.id, c.id, f.message, null);
  }

  if (await exists(ABUSIVE.email)) return;
  const customer = await createCustomer(ctx, agent, {
    name: ABUSIVE.name,
    emails: [ABUSIVE.email],
    phones: [],
    accounts: [],
  });
  const evidence: string[] = [];
  for (const [i, [subject, message]] of ABUSIVE.messages.entries()) {
    const c = await createCase(ctx, agent, {
      customerId: customer.id,
      subject: subject as string,
      message: message as string,
      channel: "email",
      assigneeId: agent.membershipId,
    });
    await retimeCase(ctx.db, workspaceId, c.id, daysAgoAt(9 - 3 * i, "10:15"), written);
    evidence.push(await assess(ctx, workspaceId, customer.id, c.id, message as string, manager.membershipId));
  }
  await takeStep(ctx, manager, customer.id, {
    kind: "warning",
    reason: "Three messages insulting Dana by name in a week; nothing on his cases suggests we failed him.",
    evidence,
  });
}

/**
 * The assessment row for the case's first customer message, as the assess job writes it: assessed
 * when the message came, confirmed by the manager three hours later.
 */
async function assess(
  ctx: Pick<AppContext, "db">,
  workspaceId: string,
  customerId: string,
  caseId: string,
  text: string,
  confirmedBy: string | null,
): Promise<string> {
  const tone = assessTone(text, { agentNames: [sample.staff[1].name.split(" ")[0] as string] });
  const { rows } = await sql<{ id: string }>`
    insert into text_assessments (workspace_id, source, source_id, customer_id, case_id, outcome, signals, mask_spans,
                                  model, verdict, verdict_by, verdict_at, assessed_at)
    select ${workspaceId}, 'message', m.id, ${customerId}, ${caseId}, ${tone.outcome}, ${JSON.stringify(tone.signals)},
           ${JSON.stringify(tone.maskSpans)}, ${TONE_MODEL}, ${confirmedBy ? "abusive" : null}, ${confirmedBy},
           case when ${confirmedBy}::uuid is null then null else m.created_at + interval '3 hours' end,
           m.created_at
      from messages m where m.case_id = ${caseId} and m.kind = 'customer'
     order by m.created_at limit 1
    on conflict (workspace_id, source, source_id) do update
       set verdict = excluded.verdict, verdict_by = excluded.verdict_by, verdict_at = excluded.verdict_at
    returning id::text`.execute(ctx.db);
  return rows[0]?.id ?? "";
}
