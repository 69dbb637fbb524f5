import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startChat, visitorSession, widgetFor } from "../../../test/chat-factory.ts";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
});

// A visitor's customer (and a channel thread's) has no foreign key, so the customer merge moves
// it by hand: after merging the chat's made-up customer into the real one, the visitor's next
// chat belongs to the real customer, whose profile holds the whole history.
test("merging a chat visitor's customer into another moves the visitor with it", async () => {
  const widget = await widgetFor(server, admin);
  const visitor = await visitorSession(new TestClient(server.url), widget);
  const { caseId } = await startChat(server, visitor, { text: "My soundbar is silent", name: "Sam" });
  const chatCase = await admin.get(`/api/v1/cases/${caseId}`);
  const madeUp = chatCase.body.customer.id as string;
  const real = await admin.post("/api/v1/customers", { name: "Sam Real", emails: ["sam@example.com"] });
  assert.equal(real.status, 201);

  const merged = await admin.post(`/api/v1/customers/${real.body.id}/merge`, { duplicateId: madeUp });
  assert.equal(merged.status, 200, JSON.stringify(merged.body));

  const row = await server.runtime.ctx.db
    .selectFrom("chat_visitors")
    .select("customer_id")
    .where("id", "=", visitor.visitorId)
    .executeTakeFirstOrThrow();
  assert.equal(row.customer_id, real.body.id);
  const moved = await admin.get(`/api/v1/cases/${caseId}`);
  assert.equal(moved.body.customer.id, real.body.id);
  // The visitor goes on chatting in the same conversation, now the real customer's case.
  const sent = await visitor.post("/api/v1/widget/conversation/messages", { text: "Still silent" });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  const messages = await admin.get(`/api/v1/cases/${caseId}/messages`);
  assert.ok(messages.body.items.some((m: { body: string }) => m.body === "Still silent"));
});
