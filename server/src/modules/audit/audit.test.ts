import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * Settings → Audit log through HTTP: sign-ins and failures are recorded with the address tried
 * and the IP, the filters narrow the list, pages never repeat or skip, exports stream the same
 * entries as CSV and JSON Lines (and are recorded), and only the workspace's admins read it.
 */
let server: TestServer;
let admin: TestClient;
let adminEmail: string;
let adminId: string;

type Entry = {
  seq: number;
  action: string;
  actor: { id: string; email: string | null } | null;
  subjectId: string | null;
  subjectEmail: string | null;
  data: Record<string, unknown>;
  at: string;
};

before(async () => {
  server = await startTestServer();
  ({ admin, adminEmail } = await setUpWorkspace(server));
  adminId = (await admin.get("/api/v1/me")).body.user.id;
});
after(async () => {
  await server.close();
});

async function all(query = ""): Promise<Entry[]> {
  const res = await admin.get(`/api/v1/audit?limit=100${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}

test("a sign-in and failed sign-ins are recorded, with who was tried and the client's IP, and no typed address kept", async () => {
  const signedIn = await all("&action=auth.signed_in");
  assert.ok(
    signedIn.some((e) => e.actor?.email === adminEmail && e.data.method === "password"),
    "setUpWorkspace's sign-in is in the log",
  );
  const stranger = new TestClient(server.url);
  const wrong = await stranger.post("/api/auth/sign-in/email", {
    email: adminEmail,
    password: "not-the-password",
  });
  assert.equal(wrong.status, 401);
  await stranger.post("/api/auth/sign-in/email", { email: "nobody@example.test", password: "whatever-123" });

  await stranger.post("/api/auth/sign-in/email", { email: "nobody@example.test", password: "again-123456" });

  const failed = await all("&action=auth.sign_in_failed");
  for (const e of failed) {
    assert.equal(e.actor, null, "a failure acts as nobody");
    assert.equal(e.data.ip, "127.0.0.1");
    assert.equal(e.data.reason, "INVALID_EMAIL_OR_PASSWORD");
    // The log cannot be edited, so erasure could never take a typed address out of it.
    assert.equal(JSON.stringify(e).includes("nobody@"), false, JSON.stringify(e));
    assert.equal("email" in e.data, false);
  }
  // An address with a login is recorded as that login, shown by its address while it exists.
  const onAdmin = failed.filter((e) => e.subjectId === adminId);
  assert.equal(onAdmin.length, 1, JSON.stringify(failed));
  assert.equal(onAdmin[0]?.subjectEmail, adminEmail);
  // An unknown one as a keyed hash and its domain: the same address twice is the same hash.
  const unknown = failed.filter((e) => e.subjectId === null);
  assert.equal(unknown.length, 2, JSON.stringify(failed));
  assert.equal(unknown[0]?.data.emailDomain, "example.test");
  assert.match(String(unknown[0]?.data.emailHash), /^[0-9a-f]{32}$/);
  assert.equal(unknown[0]?.data.emailHash, unknown[1]?.data.emailHash);
  // The text filter still finds the failures against a login by its address.
  const found = await all(`&action=auth.sign_in_failed&q=${encodeURIComponent(adminEmail)}`);
  assert.deepEqual(
    found.map((e) => e.seq),
    onAdmin.map((e) => e.seq),
  );
});

test("filters: action, family, actor, subject, text and time range", async () => {
  const patched = await admin.patch("/api/v1/workspace", { brandColor: "#123456" });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const team = await admin.post("/api/v1/teams", { name: "Tamper desk" });
  assert.equal(team.status, 201, JSON.stringify(team.body));

  const settings = await all("&action=workspace.updated");
  assert.ok(settings.length >= 1);
  assert.ok(settings.every((e) => e.action === "workspace.updated"));
  assert.equal(settings[0]?.data.brandColor, "#123456", "the newest settings change shows what changed");

  const family = await all("&action=auth.");
  assert.ok(family.length >= 3 && family.every((e) => e.action.startsWith("auth.")));

  const byAdmin = await all(`&actor=${adminId}`);
  assert.ok(byAdmin.length >= 2 && byAdmin.every((e) => e.actor?.id === adminId));

  const text = await all("&q=tamper%20desk");
  assert.deepEqual(
    text.map((e) => e.action),
    ["team.created"],
    "text search finds the team by the name in its data",
  );
  const subject = text[0]?.subjectId;
  assert.ok(subject);
  assert.deepEqual(
    (await all(`&subject=${subject}`)).map((e) => e.action),
    ["team.created"],
  );

  const future = new Date(Date.now() + 3_600_000).toISOString();
  assert.deepEqual(await all(`&from=${encodeURIComponent(future)}`), []);
  const everything = await all();
  const to = encodeURIComponent(new Date(Date.parse(everything[0]?.at ?? "") + 1).toISOString());
  assert.equal((await all(`&to=${to}`)).length, everything.length);
});

test("keyset pages cover the log newest first, without repeats or gaps", async () => {
  const everything = await all();
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
    const res = await admin.get<{ items: Entry[]; nextCursor: string | null }>(path);
    assert.equal(res.status, 200);
    seen.push(...res.body.items.map((e) => e.seq));
    cursor = res.body.nextCursor;
  } while (cursor);
  assert.deepEqual(
    seen,
    everything.map((e) => e.seq),
  );
  assert.deepEqual(
    seen,
    [...seen].sort((a, b) => b - a),
  );
});

test("exports stream the filtered log as CSV and JSON Lines, and each export is itself recorded", async () => {
  const settings = await all("&action=workspace.updated");
  const csv = await admin.get("/api/v1/audit/export?format=csv&action=workspace.updated");
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
  assert.match(csv.headers.get("content-disposition") ?? "", /attachment; filename="audit-log-.*\.csv"/);
  const lines = (csv.body as string).trim().split("\r\n");
  assert.equal(
    lines[0],
    "seq,at,actor_id,actor_email,action,subject_type,subject_id,subject_email,data,request_id,hash",
  );
  assert.equal(lines.length, settings.length + 1);
  assert.match(lines[1] ?? "", /"workspace\.updated"/);
  assert.match(lines[1] ?? "", /"{""brandColor"":""#123456""}"/);

  const jsonl = await admin.get("/api/v1/audit/export?format=jsonl");
  assert.equal(jsonl.status, 200);
  assert.match(jsonl.headers.get("content-type") ?? "", /^application\/x-ndjson/);
  const records = (typeof jsonl.body === "string" ? jsonl.body : `${JSON.stringify(jsonl.body)}\n`)
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const listed = await all();
  // The JSON Lines export was recorded before it was read, so it lists its own record.
  assert.equal(records[0].action, "audit.exported");
  assert.deepEqual(
    records.map((r) => r.seq),
    listed.map((e) => e.seq),
  );
  const exports = await all("&action=audit.exported");
  assert.equal(exports.length, 2);
  assert.deepEqual(exports[1]?.data, { format: "csv", filters: { action: "workspace.updated" } });
});

test("verify reports an intact chain through the API", async () => {
  const res = await admin.get("/api/v1/audit/verify");
  assert.equal(res.status, 200);
  assert.equal(res.body.ok, true);
  assert.equal(res.body.broken, null);
  assert.ok(res.body.records >= 5);
});

test("only admins read the log: strangers 401, agents and customers 403, other workspaces see none of it", async () => {
  assert.equal((await new TestClient(server.url).get("/api/v1/audit")).status, 401);
  const agent = (await staffClient(server, "agent")).client;
  for (const path of ["/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify"])
    assert.equal((await agent.get(path)).status, 403, path);
  const customer = (await customerClient(server)).client;
  assert.equal((await customer.get("/api/v1/audit")).status, 403);
  const other = (await otherWorkspace(server)).client;
  const theirs = await other.get("/api/v1/audit?limit=100");
  assert.equal(theirs.status, 200);
  assert.ok(
    theirs.body.items.every((e: Entry) => e.action !== "team.created" && e.subjectEmail !== adminEmail),
    "another workspace's log holds none of this workspace's entries",
  );
});

test("bad input is a 400 naming the field", async () => {
  const cases: Array<[string, string]> = [
    ["/api/v1/audit?limit=0", "limit"],
    ["/api/v1/audit?cursor=abc", "cursor"],
    ["/api/v1/audit?from=yesterday", "from"],
    ["/api/v1/audit/export?format=xml", "format"],
  ];
  for (const [path, field] of cases) {
    const res = await admin.get(path);
    assert.equal(res.status, 400, path);
    assert.equal(res.body.error.field, field, path);
  }
});
