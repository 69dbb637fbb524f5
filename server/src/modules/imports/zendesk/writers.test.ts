import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { waitFor } from "../../../../test/wait.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import type { Page, ResourceName } from "./resources.ts";
import {
  audit,
  comment,
  group,
  organization,
  page,
  ticket,
  ticketField,
  user,
  userField,
} from "./test-pages.ts";
import { ticketEventsWriter } from "./write-comments.ts";
import { organizationFieldsWriter, ticketFieldsWriter, userFieldsWriter } from "./write-fields.ts";
import { groupsWriter } from "./write-groups.ts";
import { organizationsWriter } from "./write-organizations.ts";
import { ticketsWriter } from "./write-tickets.ts";
import { usersWriter } from "./write-users.ts";
import type { ImportContext, ResourceWriter, WriteOutcome } from "./writer.ts";

let server: TestServer;
let admin: TestClient;
let adminEmail: string;
let workspaceId: string;
const SOURCE = "zendesk:acme.zendesk.com";
const MAX_BYTES = 1000;
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await server.runtime.ctx.pool.query(text, params)).rows as T[];

/** What the fake Zendesk would serve at each attachment URL. */
const downloads = new Map<string, { bytes: Buffer; contentType: string | null }>();
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

/** Writes one page the way the pipeline does: one transaction, in import mode, behind the fence. */
function write<R extends ResourceName>(
  writer: ResourceWriter<R>,
  p: Page<R>,
  beside: Pick<ImportContext, "inTurn" | "heldByPageBefore"> = {
    inTurn: async () => {},
    heldByPageBefore: new Set(),
  },
): Promise<WriteOutcome> {
  return server.runtime.ctx.db.transaction().execute(async (trx) => {
    await sql`set local rapport.import = 'on'`.execute(trx);
    return writer.write(
      {
        scope: new TenantScope(trx, workspaceId),
        runId: "00000000-0000-0000-0000-000000000000",
        source: SOURCE,
        files: server.runtime.ctx.files,
        download: async (url, max) => {
          const d = downloads.get(url);
          if (!d) throw new Error(`404 for ${url}`);
          if (d.bytes.length > max) throw new Error("too big");
          return d;
        },
        maxAttachmentBytes: MAX_BYTES,
        ...beside,
      },
      p,
    );
  });
}

/**
 * Two neighbouring pages written as the pipeline writes them beside each other. The earlier
 * page's transaction stays open until the later one has written what it writes before its
 * turn: had that waited on the earlier page's rows, this times out instead of passing.
 */
function writeBeside<R extends ResourceName>(writer: ResourceWriter<R>, earlier: Page<R>, later: Page<R>) {
  const laterWrote = Promise.withResolvers<void>();
  const first = write(writer, earlier, {
    inTurn: () => waitFor("the later page's own rows", laterWrote.promise),
    heldByPageBefore: new Set(),
  });
  const second = write(writer, later, {
    inTurn: async () => {
      laterWrote.resolve();
      await first;
    },
    heldByPageBefore: new Set(writer.overlapKeys?.(earlier)),
  });
  return [first, second] as const;
}

const LONG = `${"Ünïcödé 🎧 مرحبا بالعالم ".repeat(8000)}end`; // ~200 kB of multi-byte text
const RTL = "שלום, האוזניות לא עובדות 🎧";

/** A small Zendesk account: every page the writers take, in the pipeline's order. */
function account() {
  downloads.set("https://acme.zendesk.com/a/1", { bytes: PNG, contentType: "application/octet-stream" });
  return {
    ticketFields: page("ticket_fields", [
      ticketField({ id: 301, title: "Serial number" }),
      ticketField({ id: 302, type: "lookup", title: "Linked order" }),
    ]),
    userFields: page("user_fields", [userField({ id: 401, key: "plan", type: "dropdown" })]),
    orgFields: page("organization_fields", [userField({ id: 501, key: "tier" })]),
    groups: page("groups", [
      group({ id: 11, name: "Audio desk" }),
      group({ id: 12, name: "Returns" }),
      group({ id: 13, name: "Old", deleted: true }),
    ]),
    orgs: page("organizations", [
      organization({ id: 21, name: "Harbor Ltd", organization_fields: { tier: "gold" } }),
    ]),
    users: page(
      "users",
      [
        user({
          id: 1001,
          name: "Maria Gonzalez",
          email: "Maria.Gonzalez@Example.com",
          phone: "+1 (212) 555-0199",
          external_id: "crm-1001",
          organization_id: 21,
          user_fields: { plan: "pro" },
          notes: "Prefers phone",
        }),
        user({ id: 1002, name: "", email: null, active: false }),
        user({ id: 1003, name: "Known Already", email: "known@example.com" }),
        user({ id: 2001, name: "Agent Smith", email: "smith@acme.example", role: "agent" }),
        user({ id: 2002, name: "No Mail Agent", role: "admin" }),
      ],
      {
        identities: [
          {
            id: 9,
            user_id: 1001,
            type: "email",
            value: "maria@work.example",
            verified: true,
            primary: false,
          },
        ],
      },
    ),
    tickets: page("tickets", [
      ticket({
        id: 4411,
        requester_id: 1001,
        subject: "S".repeat(400),
        status: "hold",
        priority: "high",
        group_id: 11,
        assignee_id: 2001,
        tags: ["headphones", "rma"],
        custom_fields: [
          { id: 301, value: "SN-42" },
          { id: 302, value: null },
        ],
        satisfaction_rating: { score: "good", comment: "Thanks" },
        via: { channel: "web_form" },
      }),
      ticket({ id: 4412, requester_id: 1002, status: "closed" }),
      ticket({ id: 4413, requester_id: 1003, status: "new" }),
      ticket({ id: 4414, requester_id: 1001, status: "deleted" }),
      ticket({ id: 4415, requester_id: 1001, status: "escalated" as never }),
      ticket({ id: 4416, requester_id: 9999 }),
      { id: "bad" } as never,
    ]),
    events: page("ticket_events", [
      audit(1, 4411, [
        comment({
          id: 7001,
          author_id: 1001,
          body: LONG,
          html_body: `<p>${RTL}</p><script>alert(1)</script><img src="x" onerror="alert(2)">`,
          created_at: "2024-03-01T10:00:00Z",
          attachments: [
            {
              id: 1,
              file_name: "photo.png",
              content_url: "https://acme.zendesk.com/a/1",
              content_type: "image/png",
              size: PNG.length,
              inline: false,
            },
            {
              id: 2,
              file_name: "huge.zip",
              content_url: "https://acme.zendesk.com/a/2",
              content_type: "application/zip",
              size: 5000,
              inline: false,
            },
          ],
        }),
      ]),
      audit(2, 4411, [
        comment({ id: 7002, author_id: 2001, body: "We are on it", created_at: "2024-03-01T11:00:00Z" }),
      ]),
      audit(3, 4411, [
        comment({
          id: 7003,
          author_id: 2001,
          body: "internal: RMA",
          public: false,
          created_at: "2024-03-01T11:30:00Z",
        }),
      ]),
      audit(4, 4411, [
        comment({ id: 7004, author_id: 1001, body: "Still broken", created_at: "2024-03-01T12:00:00Z" }),
      ]),
      audit(5, 4413, [
        comment({ id: 7005, author_id: 1003, body: "Hello", created_at: "2024-03-01T09:00:00Z" }),
      ]),
      audit(6, 4416, [comment({ id: 7006, author_id: 9999, body: "orphan" })]),
    ]),
  };
}

async function importAll() {
  const a = account();
  return {
    ticketFields: await write(ticketFieldsWriter, a.ticketFields),
    userFields: await write(userFieldsWriter, a.userFields),
    orgFields: await write(organizationFieldsWriter, a.orgFields),
    groups: await write(groupsWriter, a.groups),
    orgs: await write(organizationsWriter, a.orgs),
    users: await write(usersWriter, a.users),
    tickets: await write(ticketsWriter, a.tickets),
    events: await write(ticketEventsWriter, a.events),
  };
}

const reasons = (o: WriteOutcome) => Object.fromEntries(o.skips.map((s) => [s.externalId, s.reason]));

async function counts() {
  const [row] = await q<Record<string, number>>(
    `select (select count(*) from customers where workspace_id = $1) as customers,
            (select count(*) from customer_identities where workspace_id = $1) as identities,
            (select count(*) from facts where workspace_id = $1) as facts,
            (select count(*) from teams where workspace_id = $1) as teams,
            (select count(*) from invitations where workspace_id = $1) as invitations,
            (select count(*) from cases where workspace_id = $1) as cases,
            (select count(*) from messages where workspace_id = $1) as messages,
            (select count(*) from timeline_events where workspace_id = $1) as timeline`,
    [workspaceId],
  );
  return row;
}

let first: Awaited<ReturnType<typeof importAll>>;
let dryRun: Record<string, WriteOutcome>;

/** A dry run over the same pages: assess only, in a read-only transaction. */
function assessAll() {
  return server.runtime.ctx.db.transaction().execute(async (trx) => {
    await sql`set transaction read only`.execute(trx);
    const scope = new TenantScope(trx, workspaceId);
    const a = account();
    return {
      ticketFields: await ticketFieldsWriter.assess(scope, SOURCE, a.ticketFields),
      groups: await groupsWriter.assess(scope, SOURCE, a.groups),
      users: await usersWriter.assess(scope, SOURCE, a.users),
      tickets: await ticketsWriter.assess(scope, SOURCE, a.tickets),
      events: await ticketEventsWriter.assess(scope, SOURCE, a.events),
    };
  });
}
let before0: Record<string, number> | undefined;

before(async () => {
  server = await startTestServer();
  ({ admin, adminEmail, workspaceId } = await setUpWorkspace(server));
  // A team and a customer that exist before the import: reused, not duplicated.
  assert.equal((await admin.post("/api/v1/teams", { name: "Audio desk" })).status, 201);
  const known = await admin.post("/api/v1/customers", {
    name: "Known Customer",
    emails: ["known@example.com"],
  });
  assert.equal(known.status, 201, JSON.stringify(known.body));
  before0 = await counts();
  dryRun = await assessAll();
  assert.deepEqual(await counts(), before0, "a dry run writes nothing");
  first = await importAll();
});
after(async () => {
  await server.close();
});

const caseOf = async (number: string) =>
  (await q(`select * from cases where workspace_id = $1 and import_number = $2`, [workspaceId, number]))[0];

describe("Zendesk writers", () => {
  test("a dry run counts what would be written and lists what will not map", () => {
    assert.equal(dryRun.ticketFields?.created, 1);
    assert.deepEqual(reasons(dryRun.ticketFields as WriteOutcome), {
      "302": 'field type "lookup" is not imported',
    });
    assert.equal(dryRun.groups?.created, 2);
    assert.equal(dryRun.users?.created, 4);
    assert.equal(dryRun.tickets?.created, 4);
    assert.deepEqual(reasons(dryRun.tickets as WriteOutcome), {
      bad: "record without a valid id",
      "4414": "deleted ticket",
      "4415": 'unknown ticket status "escalated"',
    });
    assert.equal(dryRun.events?.created, 6);
    assert.deepEqual(dryRun.events?.skips, []);
  });

  test("fields: definitions kept, an unmappable type reported", async () => {
    assert.deepEqual(first.ticketFields, {
      created: 1,
      updated: 0,
      skips: [{ externalId: "302", outcome: "skipped", reason: 'field type "lookup" is not imported' }],
    });
    const defs = await q(
      `select kind, external_id, key, title from import_field_defs where workspace_id = $1 order by 2`,
      [workspaceId],
    );
    assert.deepEqual(
      defs.map((d) => `${d.kind}:${d.external_id}:${d.key}:${d.title}`),
      ["ticket_field:301:null:Serial number", "user_field:401:plan:plan", "organization_field:501:tier:tier"],
    );
  });

  test("groups become teams; an existing team of the name is reused; a deleted group is reported", async () => {
    assert.equal(first.groups.created, 2);
    assert.deepEqual(reasons(first.groups), { "13": "deleted group" });
    const teams = await q<{ name: string }>(`select name from teams where workspace_id = $1 order by name`, [
      workspaceId,
    ]);
    assert.deepEqual(
      teams.map((t) => t.name),
      ["Audio desk", "Returns"],
    );
  });

  test("end users become customers with identities, organization and facts; a known address links", async () => {
    assert.deepEqual(reasons(first.users), { "2002": "agent without a valid email address" });
    const [maria] = await q<{ id: string; name: string; organization: string }>(
      `select c.id, c.name, c.organization from customers c join import_ids i on i.local_id = c.id
        where i.workspace_id = $1 and i.kind = 'user' and i.external_id = '1001'`,
      [workspaceId],
    );
    assert.equal(maria?.name, "Maria Gonzalez");
    assert.equal(maria?.organization, "Harbor Ltd");
    const ids = await q<{ kind: string; value: string }>(
      `select kind, value from customer_identities where customer_id = $1 order by kind, value`,
      [maria?.id],
    );
    assert.deepEqual(
      ids.map((i) => `${i.kind}:${i.value}`),
      [
        "email:maria.gonzalez@example.com",
        "email:maria@work.example",
        "external:crm-1001",
        "phone:+12125550199",
      ],
    );
    const facts = await q<{ key: string; value: unknown; source_channel: string }>(
      `select key, value, source_channel from facts where customer_id = $1 and superseded_at is null order by key`,
      [maria?.id],
    );
    assert.deepEqual(
      facts.map((f) => [f.key, f.value, f.source_channel]),
      [
        ["plan", "pro", "import"],
        ["zendesk_notes", "Prefers phone", "import"],
      ],
    );
    // The known address's owner is the customer: no second "Known Already".
    const known = await q(`select name from customers where workspace_id = $1 and name like 'Known%'`, [
      workspaceId,
    ]);
    assert.deepEqual(known, [{ name: "Known Customer" }]);
    // A deleted user is a customer with no identities (their tickets keep a customer).
    const [gone] = await q<{ name: string; n: number }>(
      `select c.name, (select count(*) from customer_identities ci where ci.customer_id = c.id) as n
         from customers c join import_ids i on i.local_id = c.id
        where i.workspace_id = $1 and i.kind = 'user' and i.external_id = '1002'`,
      [workspaceId],
    );
    assert.deepEqual(gone, { name: "Zendesk user 1002", n: 0 });
  });

  test("a customer erased in Rapport is not filled again by a later run", async () => {
    const [row] = await q<{ local_id: string }>(
      `select local_id from import_ids where workspace_id = $1 and kind = 'user' and external_id = '1002'`,
      [workspaceId],
    );
    await q(`update customers set erased_at = now(), name = 'Erased customer' where id = $1`, [
      row?.local_id,
    ]);
    const out = await write(
      usersWriter,
      page("users", [
        user({ id: 1002, name: "Back Again", email: "back@example.com", user_fields: { plan: "pro" } }),
      ]),
    );
    assert.deepEqual(reasons(out), { "1002": "customer was erased in Rapport" });
    const ids = await q(`select value from customer_identities where customer_id = $1`, [row?.local_id]);
    assert.deepEqual(ids, []);
    const [c] = await q(`select name from customers where id = $1`, [row?.local_id]);
    assert.equal(c?.name, "Erased customer");
  });

  test("agents become silent invitations, not active staff", async () => {
    const inv = await q(`select email, role, accepted_at from invitations where workspace_id = $1`, [
      workspaceId,
    ]);
    assert.deepEqual(inv, [{ email: "smith@acme.example", role: "agent", accepted_at: null }]);
    const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{ email: string }>;
    assert.deepEqual(
      members.map((m) => m.email),
      [adminEmail],
    );
  });

  test("tickets become cases with the original number, mapped fields and case data", async () => {
    assert.deepEqual(first.tickets.created, 3);
    assert.deepEqual(reasons(first.tickets), {
      bad: "record without a valid id",
      "4414": "deleted ticket",
      "4415": 'unknown ticket status "escalated"',
      "4416": "requester 9999 was not imported (deleted, skipped or not an end user)",
    });
    const c = await caseOf("4411");
    assert.ok(c);
    assert.equal(c.subject, "S".repeat(400), "the subject is stored whole");
    assert.equal(c.status, "on_hold");
    assert.equal(c.priority, "high");
    assert.equal(c.channel, "web");
    assert.deepEqual(c.tags, ["headphones", "rma"]);
    assert.equal(c.import_source, "zendesk");
    assert.equal((c.created_at as Date).toISOString(), "2024-03-01T10:00:00.000Z");
    assert.equal(c.assignee_id, null);
    assert.equal(c.sla_first_reply_due_at, null);
    const [team] = await q(`select name from teams where id = $1`, [c.team_id]);
    assert.equal(team?.name, "Audio desk");
    const data = c.import_data as Record<string, unknown>;
    assert.deepEqual(data.customFields, { "Serial number": "SN-42" });
    assert.equal(data.assigneeName, "Agent Smith");
    assert.deepEqual(data.satisfaction, { score: "good", comment: "Thanks" });
    assert.equal(data.type, "question");
    // Numbers are Rapport's own, from the workspace's sequence, distinct.
    const numbers = await q<{ number: string }>(`select number from cases where workspace_id = $1`, [
      workspaceId,
    ]);
    assert.equal(new Set(numbers.map((n) => n.number)).size, 3);
  });

  test("comments become messages: kinds, authors, whole text, sanitised HTML, attachments", async () => {
    assert.equal(first.events.created, 5);
    assert.deepEqual(reasons(first.events), {
      "7001/2": `attachment over ${MAX_BYTES} bytes`,
      "7006": "ticket 4416 was not imported",
    });
    const c = await caseOf("4411");
    const msgs = await q<{
      kind: string;
      author_name: string;
      body: string;
      body_html: string | null;
      attachments: Array<{ name: string; contentType: string; key: string; size: number }>;
    }>(
      `select kind, author_name, body, body_html, attachments from messages where case_id = $1 order by created_at`,
      [c?.id],
    );
    assert.deepEqual(
      msgs.map((m) => `${m.kind}:${m.author_name}`),
      ["customer:Maria Gonzalez", "reply:Agent Smith", "note:Agent Smith", "customer:Maria Gonzalez"],
    );
    const firstMsg = msgs[0];
    assert.ok(firstMsg);
    assert.equal(firstMsg.body, LONG, "200 kB with emoji and RTL stored whole");
    assert.ok(Buffer.byteLength(firstMsg.body) > 200_000);
    assert.ok(firstMsg.body_html?.includes(RTL));
    assert.ok(!firstMsg.body_html?.includes("<script"));
    assert.ok(!firstMsg.body_html?.includes("onerror"));
    assert.equal(firstMsg.attachments.length, 1);
    const att = firstMsg.attachments[0];
    assert.equal(att?.name, "photo.png");
    assert.equal(att?.contentType, "image/png", "sniffed from the bytes");
    assert.deepEqual(await server.runtime.ctx.files.read(att?.key ?? ""), PNG);
    // The case's activity follows its messages: last at 12:00 at least, waiting since the
    // customer's message after the agent's reply.
    const later = await caseOf("4411");
    assert.ok(later);
    assert.equal((later.waiting_since as Date).toISOString(), "2024-03-01T12:00:00.000Z");
    assert.ok((later.last_activity_at as Date) >= new Date("2024-03-01T12:00:00Z"));
  });

  test("writing every page again duplicates nothing", async () => {
    const once = await counts();
    const again = await importAll();
    assert.ok(once);
    assert.deepEqual(await counts(), once);
    assert.equal(again.tickets.created, 0);
    assert.equal(again.tickets.updated, 3);
    assert.equal(again.events.created, 0);
    assert.equal(again.users.created, 0);
    assert.equal(Number(once.cases) - Number(before0?.cases), 3);
  });

  test("a delta run updates the case, never a new one", async () => {
    const beforeDelta = await caseOf("4411");
    const out = await write(
      ticketsWriter,
      page("tickets", [
        ticket({
          id: 4411,
          requester_id: 1001,
          subject: "Headphones replaced",
          status: "solved",
          tags: ["done"],
          group_id: 12,
          updated_at: "2024-04-01T10:00:00Z",
        }),
      ]),
    );
    assert.deepEqual(out, { created: 0, updated: 1, skips: [] });
    const c = await caseOf("4411");
    assert.equal(c?.id, beforeDelta?.id);
    assert.equal(c?.number, beforeDelta?.number);
    assert.equal(c?.subject, "Headphones replaced");
    assert.equal(c?.status, "solved");
    assert.deepEqual(c?.tags, ["done"]);
    assert.equal(c?.waiting_since, null);
    const [team] = await q(`select name from teams where id = $1`, [c?.team_id]);
    assert.equal(team?.name, "Returns");
  });

  test("silent: no mail, webhooks, surveys, repeat or assessment work for imported rows", async () => {
    const [row] = await q<Record<string, number>>(
      `select (select count(*) from outbound_mail where workspace_id = $1) as mail,
              (select count(*) from webhook_deliveries where workspace_id = $1) as webhooks,
              (select count(*) from surveys where workspace_id = $1) as surveys,
              (select count(*) from repeat_queue where workspace_id = $1
                  and case_id in (select id from cases where import_number is not null)) as repeats,
              (select count(*) from assessment_queue where workspace_id = $1 and source = 'message') as assessments,
              (select count(*) from report_dirty_cases where workspace_id = $1
                  and case_id in (select id from cases where import_number is not null)) as dirty`,
      [workspaceId],
    );
    // The solved delta above would have planned a survey outside an import.
    assert.deepEqual(row, { mail: 0, webhooks: 0, surveys: 0, repeats: 0, assessments: 0, dirty: 3 });
  });

  test("search finds a case by its original number", async () => {
    const c = await caseOf("4413");
    for (const typed of ["4413", "#4413", "ZD-4413", "zd 4413", "Zendesk 4413"]) {
      const res = await admin.get(`/api/v1/search?q=${encodeURIComponent(typed)}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const found = (res.body.cases as Array<{ id: string }>).map((x) => x.id);
      assert.ok(found.includes(c?.id as string), `${typed} finds the case`);
    }
    const none = await admin.get(`/api/v1/search?q=${encodeURIComponent("ZD-999999")}`);
    assert.deepEqual(none.body.cases, []);
  });

  test("an imported customer's history shows through the customers API", async () => {
    const [maria] = await q<{ local_id: string }>(
      `select local_id from import_ids where workspace_id = $1 and kind = 'user' and external_id = '1001'`,
      [workspaceId],
    );
    const res = await admin.get(`/api/v1/customers/${maria?.local_id}/context`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const recent = res.body.recentCases as Array<{ subject: string }>;
    assert.deepEqual(
      recent.map((c) => c.subject),
      ["Headphones replaced"],
    );
    const events = res.body.timeline as Array<{ kind: string; occurredAt: string }>;
    assert.deepEqual(
      events.map((e) => `${e.kind}@${e.occurredAt}`),
      ["case.created@2024-03-01T10:00:00.000Z"],
    );
    const c = await caseOf("4411");
    const messages = await admin.get(`/api/v1/cases/${c?.id}/messages`);
    assert.equal(messages.status, 200, JSON.stringify(messages.body));
    assert.equal(messages.body.items.length, 4);
  });

  test("after a merge in Rapport, a delta's tickets land on the surviving customer", async () => {
    const [row] = await q<{ local_id: string }>(
      `select local_id from import_ids where workspace_id = $1 and kind = 'user' and external_id = '1001'`,
      [workspaceId],
    );
    const survivor = await admin.post("/api/v1/customers", { name: "Survivor of a merge" });
    assert.equal(survivor.status, 201, JSON.stringify(survivor.body));
    const merged = await admin.post(`/api/v1/customers/${survivor.body.id}/merge`, {
      duplicateId: row?.local_id,
    });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    const out = await write(
      ticketsWriter,
      page("tickets", [ticket({ id: 4499, requester_id: 1001, subject: "After the merge" })]),
    );
    assert.equal(out.created, 1);
    const c = await caseOf("4499");
    assert.equal(c?.customer_id, survivor.body.id);
  });

  test("an imported agent is the assignee: at once when staff already, once they join when invited", async () => {
    // 2003 is this workspace's admin in Zendesk too; Smith (2001) is only invited.
    const users = await write(
      usersWriter,
      page("users", [user({ id: 2003, name: "Admin Here", email: adminEmail, role: "admin" })]),
    );
    assert.equal(users.skips.length, 0);
    const out = await write(
      ticketsWriter,
      page("tickets", [
        ticket({ id: 4420, requester_id: 1003, status: "open", assignee_id: 2001 }),
        ticket({ id: 4421, requester_id: 1003, status: "open", assignee_id: 2003 }),
        ticket({ id: 4422, requester_id: 1003, status: "solved", assignee_id: 2001 }),
        ticket({ id: 4423, requester_id: 1003, status: "open", assignee_id: 2001 }),
      ]),
    );
    assert.equal(out.created, 4);
    const [me] = await q<{ id: string }>(
      `select m.id from memberships m join auth."user" u on u.id = m.user_id
        where m.workspace_id = $1 and u.email = $2`,
      [workspaceId, adminEmail],
    );
    assert.equal((await caseOf("4421"))?.assignee_id, me?.id, "staff already: assigned at import");
    assert.equal((await caseOf("4420"))?.assignee_id, null, "an invitation is no assignee yet");
    assert.equal(
      ((await caseOf("4420"))?.import_data as { assigneeName?: string } | undefined)?.assigneeName,
      "Agent Smith",
    );
    // Someone in Rapport takes 4423 before Smith joins: it stays theirs.
    const taken = await admin.request("PATCH", `/api/v1/cases/${(await caseOf("4423"))?.id}`, {
      assigneeId: me?.id,
    });
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    // Until Smith joins, the inbox's "unassigned" view offers the case to the team.
    const unassigned = await admin.get("/api/v1/cases?assignee=none&limit=100");
    assert.equal(unassigned.status, 200, JSON.stringify(unassigned.body));
    const unassignedIds = (unassigned.body.items as Array<{ id: string }>).map((c) => c.id);
    assert.ok(unassignedIds.includes((await caseOf("4420"))?.id as string));

    // The admin sends the imported invitation (silent until now); Smith accepts it.
    const [inv] = await q<{ id: string }>(
      `select id from invitations where workspace_id = $1 and email = 'smith@acme.example'`,
      [workspaceId],
    );
    const resent = await admin.post(`/api/v1/invitations/${inv?.id}/resend`);
    assert.equal(resent.status, 200, JSON.stringify(resent.body));
    const token = decodeURIComponent(String(resent.body.link).split("/invite/")[1] ?? "");
    const accepted = await new TestClient(server.url).post("/api/v1/invitations/accept", {
      token,
      name: "Agent Smith",
      password: "a long passphrase nobody guesses 42",
    });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    const [smith] = await q<{ id: string; status: string }>(
      `select m.id, m.status from memberships m join auth."user" u on u.id = m.user_id
        where m.workspace_id = $1 and u.email = 'smith@acme.example'`,
      [workspaceId],
    );
    assert.equal(smith?.status, "active");
    assert.equal((await caseOf("4420"))?.assignee_id, smith?.id, "the same person, once they accept");
    assert.equal((await caseOf("4422"))?.assignee_id, smith?.id, "their closed history too");
    assert.equal((await caseOf("4423"))?.assignee_id, me?.id, "a case taken in Rapport stays taken");
    const [load] = await q<{ open: number }>(
      `select open from agent_open_loads where workspace_id = $1 and membership_id = $2`,
      [workspaceId, smith?.id],
    );
    assert.equal(load?.open, 1, "their capacity counts the one open case, not the solved one");
    // A later delta of the same ticket keeps them, through the linked agent.
    await write(
      ticketsWriter,
      page("tickets", [
        ticket({
          id: 4420,
          requester_id: 1003,
          status: "pending",
          assignee_id: 2001,
          updated_at: "2024-05-01T10:00:00Z",
        }),
      ]),
    );
    assert.equal((await caseOf("4420"))?.assignee_id, smith?.id);
    // Smith's own inbox lists the case.
    const mine = await admin.get(`/api/v1/cases?assignee=${smith?.id}&status=all&limit=50`);
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(
      (mine.body.items as Array<{ id: string }>).map((c) => c.id).sort(),
      [(await caseOf("4420"))?.id, (await caseOf("4422"))?.id].sort(),
    );
  });
  test("two ticket pages written beside each other: the later one's new cases do not wait, and a ticket both list is one case, the later copy", async () => {
    const earlier = page("tickets", [
      ticket({ id: 4501, requester_id: 1001, subject: "First copy", updated_at: "2024-05-01T10:00:00Z" }),
      ticket({ id: 4502, requester_id: 1001, subject: "Only on the earlier page" }),
    ]);
    const later = page("tickets", [
      ticket({ id: 4501, requester_id: 1001, subject: "Second copy", updated_at: "2024-05-01T11:00:00Z" }),
      ticket({ id: 4503, requester_id: 1001, subject: "Only on the later page" }),
    ]);
    const [first, second] = writeBeside(ticketsWriter, earlier, later);
    assert.deepEqual(await first, { created: 2, updated: 0, skips: [] });
    assert.deepEqual(await second, { created: 1, updated: 1, skips: [] });
    const copies = await q(`select subject from cases where workspace_id = $1 and import_number = '4501'`, [
      workspaceId,
    ]);
    assert.deepEqual(copies, [{ subject: "Second copy" }]);
    assert.equal((await caseOf("4502"))?.subject, "Only on the earlier page");
    assert.equal((await caseOf("4503"))?.subject, "Only on the later page");
  });
  test("two comment pages written beside each other: a comment both list is one message, and the case's activity follows the later page", async () => {
    const shared = audit(31, 4503, [
      comment({ id: 7301, author_id: 1001, body: "Listed twice", created_at: "2024-06-01T10:00:00Z" }),
    ]);
    const earlier = page("ticket_events", [shared]);
    const later = page("ticket_events", [
      shared,
      audit(32, 4503, [
        comment({ id: 7302, author_id: 1001, body: "Only later", created_at: "2024-06-02T10:00:00Z" }),
      ]),
    ]);
    const [first, second] = writeBeside(ticketEventsWriter, earlier, later);
    assert.equal((await first).created, 1);
    assert.equal((await second).created, 1);
    const c = await caseOf("4503");
    const bodies = await q<{ body: string }>(
      `select body from messages where case_id = $1 order by created_at`,
      [c?.id],
    );
    assert.deepEqual(
      bodies.map((m) => m.body),
      ["Listed twice", "Only later"],
    );
    assert.equal(new Date(c?.last_activity_at as string).toISOString(), "2024-06-02T10:00:00.000Z");
  });
});
