import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, freePort, startTestServer, type TestServer } from "../../../test/harness.ts";
import { signWebhook } from "../webhooks/sign.ts";

// Agent replies on a channel thread: delivered to the channel's endpoint (a real receiver on
// loopback), signed as webhooks are, retried, never emailed, and their status shown per reply.
type Received = { headers: Record<string, string | string[] | undefined>; body: string; answered: number };
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const answers: number[] = [];

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
before(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answered = answers.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), answered });
      res.statusCode = answered;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rapport/out`;
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
});
after(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

async function threadCase(outboundUrl: string | undefined, thread: string) {
  const ch = (
    await admin.post("/api/v1/channels", {
      name: `Bridge ${thread}`,
      kind: "messaging",
      ...(outboundUrl ? { outboundUrl } : {}),
    })
  ).body;
  const bridge = new TestClient(server.url, { token: ch.token, origin: null });
  const res = await bridge.post(`/api/v1/channels/${ch.id}/messages`, {
    externalThreadId: thread,
    externalMessageId: `${thread}-1`,
    from: { externalUserId: `user-${thread}`, name: "Sam Lee" },
    text: "Can you help?",
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { channel: ch, caseId: res.body.caseId as string };
}
const deliveries = async (caseId: string) =>
  (await agent.get(`/api/v1/cases/${caseId}/channel-deliveries`)).body.items;
const forMessage = (messageId: string) => received.filter((r) => r.headers["idempotency-key"] === messageId);

describe("delivering replies", () => {
  test("a reply is POSTed signed, with the message id as Idempotency-Key, shown sent, and never emailed", async () => {
    const { channel, caseId } = await threadCase(receiverUrl, "out-1");
    const reply = await agent.post(`/api/v1/cases/${caseId}/messages`, { body: "Try **restarting** it." });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.channel, "social");
    assert.equal(reply.body.email, null, "no email is planned for a channel thread");
    const sent = await eventually(async () => {
      const [d] = await deliveries(caseId);
      return d?.status === "sent" ? d : undefined;
    });
    assert.equal(sent.messageId, reply.body.id);
    assert.equal(sent.attempts, 1);
    const [r] = forMessage(reply.body.id);
    assert.ok(r);
    const timestamp = r.headers["x-rapport-timestamp"] as string;
    assert.equal(
      r.headers["x-rapport-signature"],
      signWebhook(channel.signingSecret, timestamp, r.body),
      "signature verifies",
    );
    assert.notEqual(r.headers["x-rapport-signature"], signWebhook("not-the-secret", timestamp, r.body));
    const payload = JSON.parse(r.body);
    assert.deepEqual(
      { ...payload, sentAt: undefined },
      {
        channelId: channel.id,
        externalThreadId: "out-1",
        messageId: reply.body.id,
        to: { externalUserId: "user-out-1" },
        text: "Try **restarting** it.",
        agent: { name: reply.body.author.name },
        attachments: [],
        sentAt: undefined,
      },
    );
    // The mail outbox stays empty for this case: nothing went by email.
    const msgs = (await agent.get(`/api/v1/cases/${caseId}/messages`)).body.items;
    assert.equal(msgs.at(-1).email, null);
    // Internal notes never leave Rapport.
    const note = await agent.post(`/api/v1/cases/${caseId}/messages`, { body: "internal", kind: "note" });
    assert.equal(note.status, 201);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(forMessage(note.body.id).length, 0);
    assert.equal((await deliveries(caseId)).length, 1);
  });

  test("a failed attempt is retried with the same body and key; once accepted it is never sent again", async () => {
    const { caseId } = await threadCase(receiverUrl, "out-2");
    answers.push(500, 503);
    const reply = await agent.post(`/api/v1/cases/${caseId}/messages`, { body: "Second try" });
    const sent = await eventually(async () => {
      const [d] = await deliveries(caseId);
      return d?.status === "sent" ? d : undefined;
    }, 40_000);
    assert.equal(sent.attempts, 3);
    const attempts = forMessage(reply.body.id);
    assert.equal(attempts.length, 3);
    assert.deepEqual(
      attempts.map((a) => a.answered),
      [500, 503, 200],
    );
    assert.equal(new Set(attempts.map((a) => a.body)).size, 1, "every attempt sends the same bytes");
    assert.equal(attempts.filter((a) => a.answered < 300).length, 1, "accepted exactly once");
    // A sent reply cannot be retried by hand (so it is never sent twice).
    const retry = await agent.post(`/api/v1/channels/messages/${reply.body.id}/retry`);
    assert.equal(retry.status, 409);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(forMessage(reply.body.id).length, 3);
  });

  test("without an outbound URL the reply is failed with a clear error; after setting one, retry sends it", async () => {
    const { channel, caseId } = await threadCase(undefined, "out-3");
    const reply = await agent.post(`/api/v1/cases/${caseId}/messages`, { body: "Hello there" });
    assert.equal(reply.status, 201);
    const [failed] = await deliveries(caseId);
    assert.equal(failed.status, "failed");
    assert.match(failed.lastError, /no outbound URL/);
    await admin.patch(`/api/v1/channels/${channel.id}`, { outboundUrl: receiverUrl });
    const retried = await agent.post(`/api/v1/channels/messages/${reply.body.id}/retry`);
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.status, "queued");
    const sent = await eventually(async () => {
      const [d] = await deliveries(caseId);
      return d?.status === "sent" ? d : undefined;
    });
    assert.equal(sent.lastError, null);
    assert.equal(forMessage(reply.body.id).length, 1);
  });

  test("an unreachable endpoint: the reply stays queued for the next attempt, the error recorded", async () => {
    // An address nothing listens on: connection refused. (The last of 7 attempts, ~2 minutes of
    // backoff later, marks it failed; the no-URL test above shows a failed reply and its retry.)
    const { caseId } = await threadCase(`http://127.0.0.1:${await freePort()}/nothing`, "out-4");
    await agent.post(`/api/v1/cases/${caseId}/messages`, { body: "Anyone?" });
    const pending = await eventually(async () => {
      const [d] = await deliveries(caseId);
      return d?.attempts >= 1 ? d : undefined;
    });
    assert.equal(pending.status, "queued");
    assert.match(pending.lastError, /ECONNREFUSED/);
  });

  test("retry and deliveries: another workspace gets 404, customers 403", async () => {
    const { caseId } = await threadCase(undefined, "out-5");
    const reply = await agent.post(`/api/v1/cases/${caseId}/messages`, { body: "x" });
    assert.equal(
      (await agent.post("/api/v1/channels/messages/00000000-0000-4000-8000-000000000000/retry")).status,
      404,
    );
    const { client: otherAgent } = await staffClient(server, "agent");
    assert.equal((await otherAgent.get(`/api/v1/cases/${caseId}/channel-deliveries`)).status, 200);
    const { client: stranger } = await otherWorkspace(server);
    assert.equal((await stranger.post(`/api/v1/channels/messages/${reply.body.id}/retry`)).status, 404);
    assert.equal((await stranger.get(`/api/v1/cases/${caseId}/channel-deliveries`)).status, 404);
    const { client: customer } = await customerClient(server);
    assert.equal((await customer.post(`/api/v1/channels/messages/${reply.body.id}/retry`)).status, 403);
    assert.equal((await customer.get(`/api/v1/cases/${caseId}/channel-deliveries`)).status, 403);
  });
});
