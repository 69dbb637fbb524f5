import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * POST /api/v1/cases with an Idempotency-Key (migration 0090): a client whose answer was lost
 * after the commit sends the same request again and must get the first case, not a second.
 */
let server: TestServer;
let admin: TestClient;
let customerId: string;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  customerId = (await admin.post("/api/v1/customers", { name: "Retrying Rita" })).body.id;
});
after(() => server.close());

const body = (subject: string) => ({ customerId, subject, message: "The speaker drops off the network." });
const create = (client: TestClient, b: object, key?: string) =>
  client.post("/api/v1/cases", b, key === undefined ? {} : { "idempotency-key": key });
const casesTitled = async (subject: string) =>
  (await admin.get(`/api/v1/cases?status=all&limit=100&customer=${customerId}`)).body.items.filter(
    (c: { subject: string }) => c.subject === subject,
  );

test("a retry with the same key returns the first case (same status and body) and stores no second", async () => {
  const key = randomUUID();
  const first = await create(admin, body("Retried once"), key);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const again = await create(admin, body("Retried once"), key);
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.deepEqual(again.body, first.body);
  assert.equal((await casesTitled("Retried once")).length, 1);
  // Without a key, or with another, the same body is a new case, as before.
  assert.equal((await create(admin, body("Retried once"))).status, 201);
  assert.equal((await create(admin, body("Retried once"), randomUUID())).status, 201);
  assert.equal((await casesTitled("Retried once")).length, 3);
});

test("two simultaneous requests with the same key create one case, and both get it", async () => {
  const key = randomUUID();
  const answers = await Promise.all(
    [1, 2, 3].map(() => create(admin, body("Sent three times at once"), key)),
  );
  assert.deepEqual(
    answers.map((a) => a.status),
    [201, 201, 201],
    JSON.stringify(answers.map((a) => a.body)),
  );
  assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, "one case for all three");
  assert.equal((await casesTitled("Sent three times at once")).length, 1);
});

test("the same key with a different body is 422 naming the header; a bad key is 400 naming it", async () => {
  const key = randomUUID();
  assert.equal((await create(admin, body("First use of the key"), key)).status, 201);
  const other = await create(admin, body("Something else entirely"), key);
  assert.equal(other.status, 422, JSON.stringify(other.body));
  assert.equal(other.body.error.field, "Idempotency-Key");
  assert.deepEqual(await casesTitled("Something else entirely"), []);
  const short = await create(admin, body("Short key"), "abc");
  assert.equal(short.status, 400);
  assert.equal(short.body.error.field, "Idempotency-Key");
});

test("a key is the actor's own: another agent using it creates their own case", async () => {
  const key = randomUUID();
  const { client: agent } = await staffClient(server, "agent");
  const mine = await create(admin, body("Same key, two people"), key);
  const theirs = await create(agent, body("Same key, two people"), key);
  assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
  assert.notEqual(theirs.body.id, mine.body.id);
});

test("a request that failed frees its key: the corrected retry creates the case", async () => {
  const key = randomUUID();
  const missing = await create(admin, { ...body("After a failure"), customerId: randomUUID() }, key);
  assert.equal(missing.status, 404);
  // A different body now (the right customer): the failed attempt left no claim on the key.
  const fixed = await create(admin, body("After a failure"), key);
  assert.equal(fixed.status, 201, JSON.stringify(fixed.body));
});

test("after 24 hours the key is forgotten and makes a new case", async () => {
  const key = randomUUID();
  const first = await create(admin, body("A day later"), key);
  await server.runtime.ctx.db
    .updateTable("case_create_keys")
    .set({ created_at: new Date(Date.now() - 25 * 3_600_000) })
    .where("key", "=", key)
    .execute();
  const later = await create(admin, body("A day later"), key);
  assert.equal(later.status, 201);
  assert.notEqual(later.body.id, first.body.id);
});

test("a claim whose request died before recording its case is taken over by a retry after two minutes", async () => {
  const key = randomUUID();
  const { workspaceId, membershipId } = await server.runtime.ctx.db
    .selectFrom("memberships")
    .innerJoin("auth.user as u", "u.id", "memberships.user_id")
    .select(["memberships.workspace_id as workspaceId", "memberships.id as membershipId"])
    .where("memberships.role", "=", "admin")
    .executeTakeFirstOrThrow();
  await server.runtime.ctx.db
    .insertInto("case_create_keys")
    .values({
      workspace_id: workspaceId,
      membership_id: membershipId,
      key,
      request_hash: "from a request that died",
      created_at: new Date(Date.now() - 3 * 60_000),
    })
    .execute();
  const retry = await create(admin, body("After a crash"), key);
  assert.equal(retry.status, 201, JSON.stringify(retry.body));
  assert.equal((await casesTitled("After a crash")).length, 1);
});
