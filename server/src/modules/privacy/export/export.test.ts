import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { STAFF_ONLY_KINDS } from "../../../../../contracts/timeline.ts";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { readZip } from "../../../../test/zip.ts";
import { collectOrphanedFiles } from "../../cases/orphaned-files.ts";
import { sweepExpiredExports } from "./export.service.ts";
import { SECTIONS } from "./sections.ts";
import { writeExportZip } from "./zip.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let portal: TestClient;
let customerId: string;
let otherCustomerId: string;
let caseId: string;
const q = async (text: string, params: unknown[] = []) =>
  (await server.runtime.ctx.pool.query(text, params)).rows;
const PICTURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x20, 0x00, 0x7f]);

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
  const c = await customerClient(server);
  portal = c.client;
  // The customer opens a case from the portal and sends a picture; staff reply and note.
  const opened = await portal.post("/api/v1/cases", {
    subject: "Speaker crackles",
    message: "It crackles at volume 30",
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  caseId = opened.body.id;
  customerId = opened.body.customer.id;
  const pic = await portal.post(`/api/v1/cases/${caseId}/messages`, {
    body: "Here is a photo",
    attachments: [{ name: "speaker.png", contentType: "image/png", dataBase64: PICTURE.toString("base64") }],
  });
  assert.equal(pic.status, 201, JSON.stringify(pic.body));
  assert.equal(
    (await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Try a reset", kind: "reply" })).status,
    201,
  );
  const note = await admin.post(`/api/v1/cases/${caseId}/messages`, {
    body: "INTERNAL-NOTE-42 probably a returner",
    kind: "note",
  });
  assert.equal(note.status, 201);
  // A fact that changed (current and past values both belong to the person).
  const [ws] = await q("select workspace_id from customers where id = $1", [customerId]);
  await q(
    `insert into facts (workspace_id, customer_id, key, value, recorded_at, superseded_at)
     values ($1, $2, 'firmware', '"1.0"', now() - interval '2 days', now() - interval '1 day'),
            ($1, $2, 'firmware', '"2.0"', now() - interval '1 day', null)`,
    [ws.workspace_id, customerId],
  );
  await q(
    `insert into diagnostic_snapshots (workspace_id, customer_id, source, data, size_bytes, summary)
     values ($1, $2, 'device', '{"volume": 30}', 14, 'Speaker at volume 30')`,
    [ws.workspace_id, customerId],
  );
  // Someone else, whose data must never appear.
  const other = await admin.post("/api/v1/customers", { name: "Olive Other" });
  otherCustomerId = other.body.id;
  const oc = await admin.post("/api/v1/cases", {
    customerId: otherCustomerId,
    subject: "OTHER-CUSTOMER-CASE",
    message: "OTHER-MESSAGE",
  });
  assert.equal(oc.status, 201, JSON.stringify(oc.body));
});
after(async () => server.close());

type Export = { id: string; status: string; downloadUrl: string | null; expiresAt: string | null };

async function readyExport(client: TestClient, listPath: string, id: string): Promise<Export> {
  return eventually(async () => {
    const res = await client.get(listPath);
    const e = (res.body.items as Export[]).find((x) => x.id === id);
    return e && (e.status === "ready" || e.status === "failed") ? e : undefined;
  }, 30_000);
}

async function download(client: TestClient, url: string) {
  const res = await fetch(server.url + url, { headers: client.authHeaders() });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    length: res.headers.get("content-length"),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

describe("an admin's export of a customer", () => {
  let exp: Export;
  let files: Map<string, Buffer>;

  test("starts as a job, becomes ready with a link, and holds every section of the customer only", async () => {
    const started = await admin.post(`/api/v1/customers/${customerId}/export`);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.body.status, "queued");
    assert.equal(started.body.downloadUrl, null);
    exp = await readyExport(admin, `/api/v1/customers/${customerId}/exports`, started.body.id);
    assert.equal(exp.status, "ready");
    const days = (Date.parse(exp.expiresAt ?? "") - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `the link lasts 7 days (${days})`);
    const got = await download(admin, exp.downloadUrl ?? "");
    assert.equal(got.status, 200);
    assert.equal(got.type, "application/zip");
    // Streamed from storage with its stored size announced up front.
    assert.equal(got.length, String(got.bytes.length));
    assert.equal(
      got.bytes.length,
      (await admin.get(`/api/v1/customers/${customerId}/exports`)).body.items[0].sizeBytes,
    );
    files = await readZip(got.bytes);
    for (const s of SECTIONS) assert.ok(files.has(s.file), `${s.file} is in the zip`);
    assert.ok(files.has("README.txt") && files.has("manifest.json"));
    const json = (name: string) => JSON.parse(files.get(name)?.toString("utf8") ?? "null");
    assert.equal(json("profile.json")[0].id, customerId);
    assert.equal(json("cases.json").length, 1);
    assert.equal(json("cases.json")[0].subject, "Speaker crackles");
    const bodies = (json("messages.json") as Array<{ body: string }>).map((m) => m.body);
    assert.ok(bodies.includes("It crackles at volume 30") && bodies.includes("Try a reset"));
    assert.deepEqual(
      (json("facts.json") as Array<{ value: string; supersededAt: string | null }>).map((f) => [
        f.value,
        f.supersededAt === null,
      ]),
      [
        ["1.0", false],
        ["2.0", true],
      ],
      "current and past facts",
    );
    assert.equal(json("diagnostic-snapshots.json")[0].summary, "Speaker at volume 30");
    const manifest = json("manifest.json");
    assert.equal(manifest.files.find((f: { name: string }) => f.name === "cases.json").records, 1);
  });

  test("the attachment's bytes are in the zip, exactly", async () => {
    const name = [...files.keys()].find((n) => n.startsWith("attachments/") && n.endsWith("-speaker.png"));
    assert.ok(name, [...files.keys()].join(", "));
    assert.deepEqual(files.get(name), PICTURE);
    const msg = (
      JSON.parse(files.get("messages.json")?.toString() ?? "[]") as Array<{
        attachments: Array<{ file: string }>;
      }>
    ).find((m) => m.attachments.length > 0);
    assert.equal(msg?.attachments[0]?.file, name, "messages.json names the file in the zip");
  });

  test("internal notes and other customers' data are absent from every file", async () => {
    const all = [...files.values()].map((b) => b.toString("latin1")).join("\n");
    const leaks = [...files]
      .filter(([, b]) => b.toString("latin1").includes("INTERNAL-NOTE-42"))
      .map(([n]) => n);
    assert.deepEqual(leaks, [], "no internal note in any file");
    assert.ok(!all.includes("OTHER-CUSTOMER-CASE") && !all.includes("OTHER-MESSAGE"), "no other customer");
    assert.ok(!all.includes(otherCustomerId));
  });

  test("asking for a download and for a new export are audited", async () => {
    const rows = await q(
      "select action, subject_id, data from audit_log where subject_id = $1 order by created_at",
      [customerId],
    );
    const actions = rows.map((r) => r.action);
    assert.ok(actions.includes("customer.export_requested"), actions.join());
    assert.ok(actions.includes("customer.export_downloaded"), actions.join());
  });

  test("one export at a time, and a few a day (429)", async () => {
    const first = await admin.post(`/api/v1/customers/${otherCustomerId}/export`);
    assert.equal(first.status, 202);
    const second = await admin.post(`/api/v1/customers/${otherCustomerId}/export`);
    assert.equal(second.status, 429, JSON.stringify(second.body));
    await readyExport(admin, `/api/v1/customers/${otherCustomerId}/exports`, first.body.id);
    // Two more are fine, then the day's limit answers.
    for (let i = 0; i < 2; i++) {
      const r = await admin.post(`/api/v1/customers/${otherCustomerId}/export`);
      assert.equal(r.status, 202, JSON.stringify(r.body));
      await readyExport(admin, `/api/v1/customers/${otherCustomerId}/exports`, r.body.id);
    }
    const over = await admin.post(`/api/v1/customers/${otherCustomerId}/export`);
    assert.equal(over.status, 429);
    assert.equal(over.body.error.code, "rate_limited");
  });

  test("an expired link answers 410; the sweep deletes the file and the collector leaves live ones", async () => {
    const [row] = await q("select file_key from customer_exports where id = $1", [exp.id]);
    // A live export's file survives the orphaned-file collector (it is registered there).
    await collectOrphanedFiles(server.runtime.ctx, { graceHours: 0, now: new Date(Date.now() + 60_000) });
    assert.equal((await server.runtime.ctx.files.read(row.file_key)).length > 0, true);
    await q("update customer_exports set expires_at = now() - interval '1 minute' where id = $1", [exp.id]);
    const gone = await download(admin, exp.downloadUrl ?? "");
    assert.equal(gone.status, 410);
    assert.equal(JSON.parse(gone.bytes.toString()).error.code, "export_expired");
    assert.ok((await sweepExpiredExports(server.runtime.ctx)) >= 1);
    await assert.rejects(server.runtime.ctx.files.read(row.file_key), "the file is deleted");
    const listed = (await admin.get(`/api/v1/customers/${customerId}/exports`)).body.items.find(
      (e: Export) => e.id === exp.id,
    );
    assert.equal(listed.status, "expired");
    assert.equal(listed.downloadUrl, null);
  });
});

describe("who may export what", () => {
  test("bad ids are 400 naming the field; unknown customers 404; agents 403; strangers 401", async () => {
    const bad = await admin.post("/api/v1/customers/not-a-uuid/export");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "id");
    const badExport = await admin.get(`/api/v1/customers/${customerId}/exports/nope/download`);
    assert.equal(badExport.status, 400);
    assert.equal(badExport.body.error.field, "exportId");
    assert.equal(
      (await admin.post("/api/v1/customers/00000000-0000-4000-8000-000000000000/export")).status,
      404,
    );
    assert.equal((await agent.post(`/api/v1/customers/${customerId}/export`)).status, 403);
    assert.equal((await portal.post(`/api/v1/customers/${customerId}/export`)).status, 403);
    const stranger = await fetch(`${server.url}/api/v1/customers/${customerId}/exports`);
    assert.equal(stranger.status, 401);
  });

  test("another workspace's admin gets 404 for this customer and this export", async () => {
    const { client: foreign } = await otherWorkspace(server);
    const [e] = await q("select id from customer_exports where customer_id = $1 limit 1", [customerId]);
    assert.equal((await foreign.post(`/api/v1/customers/${customerId}/export`)).status, 404);
    assert.equal((await foreign.get(`/api/v1/customers/${customerId}/exports`)).status, 404);
    const got = await download(foreign, `/api/v1/customers/${customerId}/exports/${e.id}/download`);
    assert.equal(got.status, 404);
  });
});

describe("the customer's own export from the portal", () => {
  test("exports only themselves, mails an expiring link, and cannot reach another's export", async () => {
    const started = await portal.post("/api/v1/portal/export");
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.body.customerId, customerId);
    assert.equal(started.body.requestedVia, "portal");
    const e = await readyExport(portal, "/api/v1/portal/exports", started.body.id);
    assert.match(e.downloadUrl ?? "", /^\/api\/v1\/portal\/exports\//);
    const got = await download(portal, e.downloadUrl ?? "");
    assert.equal(got.status, 200);
    const files = await readZip(got.bytes);
    assert.equal(JSON.parse(files.get("cases.json")?.toString() ?? "[]")[0].subject, "Speaker crackles");

    // The link in the mail works without a login, until it expires.
    const [mail] = await q(
      "select body from outbound_mail where subject = 'Your data export is ready' order by created_at desc limit 1",
    );
    const link = /\/api\/v1\/customer-exports\/[A-Za-z0-9_-]{43}/.exec(mail.body)?.[0];
    assert.ok(link, mail.body);
    const [stored] = await q("select token_hash from customer_exports where id = $1", [e.id]);
    assert.ok(!mail.body.includes(stored.token_hash), "only the token's hash is stored");
    const byLink = await fetch(server.url + link);
    assert.equal(byLink.status, 200);
    assert.equal((await readZip(Buffer.from(await byLink.arrayBuffer()))).has("profile.json"), true);
    assert.equal((await fetch(`${server.url}/api/v1/customer-exports/${"x".repeat(43)}`)).status, 404);
    assert.equal((await fetch(`${server.url}/api/v1/customer-exports/short`)).status, 400);
    await q("update customer_exports set expires_at = now() - interval '1 second' where id = $1", [e.id]);
    assert.equal((await fetch(server.url + link)).status, 410);

    // An admin's export of another customer is not the portal user's: 404.
    const [foreignExport] = await q("select id from customer_exports where customer_id = $1 limit 1", [
      otherCustomerId,
    ]);
    assert.equal((await download(portal, `/api/v1/portal/exports/${foreignExport.id}/download`)).status, 404);
    const mine = (await portal.get("/api/v1/portal/exports")).body.items as Array<{ customerId: string }>;
    assert.ok(mine.every((x) => x.customerId === customerId));
  });
});

describe("paging", () => {
  test("with pages of 2 rows, a customer's export holds every row exactly once, in order", async () => {
    // Three cases of five customer-visible messages (and a note each), files on some.
    const c = (
      await admin.post("/api/v1/customers", {
        name: "Paula Pages",
        emails: ["paula1@example.org", "paula2@example.org", "paula3@example.org"],
      })
    ).body;
    for (let i = 1; i <= 3; i++) {
      const kase = (
        await admin.post("/api/v1/cases", { customerId: c.id, subject: `Paged ${i}`, message: `c${i} m0` })
      ).body;
      for (let m = 1; m <= 4; m++) {
        const res = await admin.post(`/api/v1/cases/${kase.id}/messages`, {
          body: `c${i} m${m}`,
          kind: "reply",
          ...(m === 2
            ? {
                attachments: [
                  {
                    name: `f${i}.bin`,
                    contentType: "application/octet-stream",
                    dataBase64: PICTURE.toString("base64"),
                  },
                ],
              }
            : {}),
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
      await admin.post(`/api/v1/cases/${kase.id}/messages`, { body: `c${i} NOTE`, kind: "note" });
    }
    const [ws] = await q("select workspace_id from customers where id = $1", [c.id]);
    await q(
      `insert into facts (workspace_id, customer_id, key, value, recorded_at)
       select $1, $2, 'k' || g, to_jsonb(g), now() from generate_series(1, 5) g`,
      [ws.workspace_id, c.id],
    );

    const exported = async (pageSize: number) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gaps-export-test-"));
      try {
        const file = path.join(dir, "x.zip");
        const ctx = server.runtime.ctx;
        await writeExportZip({ db: ctx.db, files: ctx.files }, ws.workspace_id, c.id, file, { pageSize });
        return await readZip(fs.readFileSync(file));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const paged = await exported(2);
    const json = (name: string) => JSON.parse(paged.get(name)?.toString("utf8") ?? "null");

    // The truth, read in one query each, in the export's order.
    const caseIds = (await q("select id from cases where customer_id = $1 order by id", [c.id])).map(
      (r) => r.id,
    );
    assert.deepEqual(
      json("cases.json").map((x: { id: string }) => x.id),
      caseIds,
    );
    const messageIds = (
      await q(
        `select m.id from messages m join cases c on c.id = m.case_id
          where c.customer_id = $1 and m.kind <> 'note' order by c.id, m.created_at, m.id`,
        [c.id],
      )
    ).map((r) => r.id);
    assert.equal(messageIds.length, 15);
    assert.deepEqual(
      json("messages.json").map((x: { id: string }) => x.id),
      messageIds,
      "every message once, case by case in the order written",
    );
    assert.deepEqual(
      json("messages.json")
        .filter((x: { caseId: string }) => x.caseId === caseIds[0])
        .map((x: { body: string }) => x.body.split(" ")[1]),
      ["m0", "m1", "m2", "m3", "m4"],
    );
    assert.deepEqual(
      json("identities.json")
        .map((x: { value: string }) => x.value)
        .sort(),
      ["paula1@example.org", "paula2@example.org", "paula3@example.org"],
    );
    assert.deepEqual(
      json("facts.json").map((x: { key: string }) => x.key),
      ["k1", "k2", "k3", "k4", "k5"],
    );
    const timeline = await q(
      `select kind from timeline_events where customer_id = $1 and not (kind = any($2::text[]))
          and not (kind = 'message.added' and data->>'kind' = 'note') order by id`,
      [c.id, [...STAFF_ONLY_KINDS]],
    );
    assert.ok(timeline.length > 4, "the timeline spans several pages");
    assert.deepEqual(
      json("timeline.json").map((x: { kind: string }) => x.kind),
      timeline.map((r) => r.kind),
    );
    const attachments = [...paged.keys()].filter((n) => n.startsWith("attachments/"));
    assert.deepEqual(attachments.map((n) => n.replace(/^.*-/, "")).sort(), ["f1.bin", "f2.bin", "f3.bin"]);

    // The same export in one page per section is byte for byte the same, file by file.
    const whole = await exported(500);
    assert.deepEqual([...whole.keys()], [...paged.keys()]);
    for (const [name, bytes] of whole)
      if (name !== "manifest.json") assert.deepEqual(paged.get(name), bytes, `${name} is the same`);
  });
});
