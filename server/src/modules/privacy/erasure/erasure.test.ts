import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { sendRaw } from "../../../../test/mail.ts";
import { closeSharedEmbedder } from "../../../platform/text/use-embedder.ts";

/**
 * Erasing a customer through the API: afterwards nothing anywhere (APIs, every text column of
 * every table, the file store) holds their name, email or phone, while report numbers stay.
 */
let server: TestServer;
let admin: TestClient;
let workspaceId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

const NAME = "Zelda Quixotic-Marbury";
const EMAIL = "zelda.qm@example.org";
const PHONE = "+1 415 555 0177";
// What a search for the person would type, and the forms the data is stored in.
const NEEDLES = ["Quixotic", "zelda.qm", "4155550177", "555 0177", "555-0177"];

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
});
after(async () => {
  await closeSharedEmbedder();
  await server.close();
});

async function reports() {
  const out: Record<string, unknown> = {};
  for (const metric of ["backlog", "first-reply-time", "resolution-time"]) {
    const res = await admin.get(`/api/v1/reports/${metric}?groupBy=channel`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    out[metric] = { total: res.body.total, rows: res.body.rows };
  }
  return out;
}

/** Every text-like column of every table in the database that mentions a needle, as "table.column". */
async function rowsMentioning(needle: string): Promise<string[]> {
  const { rows: cols } = await q(
    `select c.table_schema as s, c.table_name as t, c.column_name as c, c.data_type as type
       from information_schema.columns c
       join information_schema.tables t using (table_schema, table_name)
      where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
        and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea', 'tsvector', 'USER-DEFINED')`,
  );
  const hits: string[] = [];
  for (const col of cols) {
    const ref = `"${col.s}"."${col.t}"."${col.c}"`;
    const asText = col.type === "bytea" ? `encode(${ref}, 'escape')` : `${ref}::text`;
    const { rows } = await q(
      `select count(*)::int as n from "${col.s}"."${col.t}" where ${asText} ilike $1`,
      [`%${needle}%`],
    );
    if (rows[0].n > 0) hits.push(`${col.s}.${col.t}.${col.c}`);
  }
  return hits;
}

/** Files under the store's directory whose bytes mention a needle. */
function filesMentioning(needle: string): string[] {
  const root = path.join(server.runtime.ctx.config.dataDir, "files");
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  for (const dir of fs.readdirSync(root)) {
    for (const f of fs.readdirSync(path.join(root, dir))) {
      const p = path.join(root, dir, f);
      if (fs.readFileSync(p).toString("latin1").toLowerCase().includes(needle.toLowerCase())) out.push(p);
    }
  }
  return out;
}

describe("erasing a customer", () => {
  test("refuses bad confirmations naming the field, agents, and other workspaces' customers", async () => {
    const c = (await admin.post("/api/v1/customers", { name: "Bad Input" })).body;
    for (const body of [{}, { confirm: false }, { confirm: "true" }, { confirm: 1 }]) {
      const res = await admin.request("DELETE", `/api/v1/customers/${c.id}`, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, "confirm");
    }
    const extra = await admin.request("DELETE", `/api/v1/customers/${c.id}`, { confirm: true, why: "x" });
    assert.equal(extra.status, 400);
    const { client: agent } = await staffClient(server, "agent");
    assert.equal((await agent.request("DELETE", `/api/v1/customers/${c.id}`, { confirm: true })).status, 403);
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.request("DELETE", `/api/v1/customers/${c.id}`, { confirm: true })).status, 404);
    assert.equal((await other.get(`/api/v1/customers/${c.id}/erasure`)).status, 404);
    assert.equal((await admin.get(`/api/v1/customers/${c.id}`)).body.name, "Bad Input", "nothing was erased");
  });

  test("after erasure nothing finds the customer's name, email or phone, files included; reports are unchanged", async () => {
    const zelda = await admin.post("/api/v1/customers", {
      name: NAME,
      organization: "Quixotic Holdings",
      emails: [EMAIL],
      phones: [PHONE],
    });
    assert.equal(zelda.status, 201, JSON.stringify(zelda.body));
    const id = zelda.body.id as string;
    // A control customer in the same workspace and the same email in another workspace stay.
    const otto = (
      await admin.post("/api/v1/customers", { name: "Otto Control", emails: ["otto@example.org"] })
    ).body;
    const { client: other } = await otherWorkspace(server);
    const theirZelda = await other.post("/api/v1/customers", { name: NAME, emails: [EMAIL] });
    assert.equal(theirZelda.status, 201);

    // Personal data in every kind of place: a case with an attachment and a reply, an emailed
    // case with its raw message, a fact, a call, a diagnostic snapshot.
    const kase = await admin.post("/api/v1/cases", {
      customerId: id,
      subject: `Soundbar for ${NAME}`,
      message: `Please call me on ${PHONE} or write to ${EMAIL}. Regards, ${NAME}`,
    });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    const file = Buffer.from(`Invoice for ${NAME}, ${EMAIL}, ${PHONE}`);
    const withFile = await admin.post(`/api/v1/cases/${kase.body.id}/messages`, {
      body: `Hello ${NAME}, your invoice is attached`,
      attachments: [{ name: "invoice.txt", contentType: "text/plain", dataBase64: file.toString("base64") }],
    });
    assert.equal(withFile.status, 201, JSON.stringify(withFile.body));
    await admin.patch(`/api/v1/cases/${kase.body.id}`, { status: "solved" });
    assert.equal(filesMentioning("Quixotic").length, 1, "the attachment is on disk before");
    await sendRaw(
      server.runtime.ctx.config.smtpPort,
      `From: ${NAME} <${EMAIL}>\r\nTo: support@localhost\r\nSubject: Quixotic hum again\r\nMessage-ID: <zelda-1@example.org>\r\n\r\nIt hums. ${PHONE}\r\n`,
      { from: EMAIL },
    );
    await eventually(async () => {
      const { rows } = await q("select count(*)::int as n from cases where customer_id = $1", [id]);
      return rows[0].n === 2 ? true : undefined;
    });
    assert.equal(
      (await admin.post(`/api/v1/customers/${id}/facts`, { key: "address", value: "12 Quixotic Lane" }))
        .status,
      201,
    );
    assert.equal((await admin.post("/api/v1/calls", { from: PHONE, to: "100" })).status, 201);
    const snap = await admin.post("/api/v1/diagnostics", {
      customerId: id,
      source: "app",
      data: { owner: NAME, contact: EMAIL },
    });
    assert.equal(snap.status, 201, JSON.stringify(snap.body));
    assert.ok((await rowsMentioning("Quixotic")).length > 5, "the data is there before");

    const before = await reports();
    const erase = await admin.request("DELETE", `/api/v1/customers/${id}`, { confirm: true });
    assert.equal(erase.status, 202, JSON.stringify(erase.body));
    assert.equal(erase.body.customerId, id);
    const again = await admin.request("DELETE", `/api/v1/customers/${id}`, { confirm: true });
    assert.equal(again.body.id, erase.body.id, "asking twice is the same erasure");
    const state = await eventually(async () => {
      const s = (await admin.get(`/api/v1/customers/${id}/erasure`)).body;
      return s.erasure?.status === "completed" ? s : undefined;
    }, 30_000);
    assert.ok(state.erasedAt);

    // The APIs: customer page, searches, the identity lookup (screen pop), the case.
    const page = await admin.get(`/api/v1/customers/${id}`);
    assert.equal(page.body.name, "Erased customer");
    assert.deepEqual(page.body.identities ?? [], []);
    for (const needle of NEEDLES) {
      assert.deepEqual(
        (await admin.get(`/api/v1/customers?q=${encodeURIComponent(needle)}`)).body.items,
        [],
        needle,
      );
      const hits = (await admin.get(`/api/v1/search?q=${encodeURIComponent(needle)}`)).body;
      assert.deepEqual([hits.customers, hits.cases], [[], []], needle);
      assert.deepEqual(
        (await admin.get(`/api/v1/cases?status=all&q=${encodeURIComponent(needle)}`)).body.items,
        [],
        needle,
      );
    }
    assert.equal((await admin.get(`/api/v1/lookup?email=${encodeURIComponent(EMAIL)}`)).status, 404);
    assert.equal((await admin.get(`/api/v1/lookup?phone=${encodeURIComponent(PHONE)}`)).status, 404);
    const messages = (await admin.get(`/api/v1/cases/${kase.body.id}/messages`)).body.items;
    assert.ok(messages.length >= 2, "the messages stay as rows");
    assert.ok(
      messages.every(
        (m: { body: string; attachments: unknown[] }) => m.body === "" && m.attachments.length === 0,
      ),
    );

    // Raw SQL over every text column of every table, and the file store.
    for (const needle of NEEDLES) {
      const hits = await rowsMentioning(needle);
      // The other workspace's own customer of the same name and email is theirs to keep.
      const { rows } = await q(
        "select count(*)::int as n from customer_identities where value = $1 and workspace_id <> $2",
        [EMAIL, workspaceId],
      );
      assert.equal(rows[0].n, 1, "the other workspace's identity is untouched");
      const ours = await q(
        `select count(*)::int as n from customers where workspace_id = $1 and name ilike $2`,
        [workspaceId, `%${needle}%`],
      );
      assert.equal(ours.rows[0].n, 0);
      // Only the other workspace's rows may mention the needle.
      for (const h of hits) {
        const [s, t, c] = h.split(".");
        const hasWs = (
          await q(
            "select 1 from information_schema.columns where table_schema = $1 and table_name = $2 and column_name = 'workspace_id'",
            [s, t],
          )
        ).rows.length;
        assert.ok(hasWs, `${h} mentions ${needle} after erasure`);
        const mine = await q(
          `select count(*)::int as n from "${s}"."${t}" where workspace_id = $1 and "${c}"::text ilike $2`,
          [workspaceId, `%${needle}%`],
        );
        assert.equal(mine.rows[0].n, 0, `${h} still mentions ${needle} in the erased customer's workspace`);
      }
      assert.deepEqual(filesMentioning(needle), [], `a stored file mentions ${needle}`);
    }
    assert.equal(
      (await admin.get(`/api/v1/customers/${otto.id}`)).body.name,
      "Otto Control",
      "the other customer is untouched",
    );
    assert.deepEqual(await reports(), before, "report numbers are unchanged");

    // Audited: who asked, the customer id, never the data (the SQL scan above covers audit_log).
    const { rows: audits } = await q(
      "select action, actor_user_id, subject_id from audit_log where workspace_id = $1 and action like 'customer.eras%' order by id",
      [workspaceId],
    );
    assert.deepEqual(
      audits.map((a) => [a.action, a.subject_id]),
      [
        ["customer.erasure_requested", id],
        ["customer.erased", id],
      ],
    );
    assert.ok(audits.every((a) => a.actor_user_id));
  });
});
