import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { signWebhook } from "./sign.ts";

/** A real receiver on 127.0.0.1: records every request and answers what the test scripts. */
type Received = { headers: Record<string, string | string[] | undefined>; body: string };
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
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/rapport`;
  // The receiver lives on loopback, which only an explicit opt-in lets webhooks reach.
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
});
after(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("registering endpoints", () => {
  test("hostile or malformed URLs are refused, naming the url", async () => {
    for (const url of [
      "file:///etc/passwd",
      "javascript:alert(1)",
      "ftp://files.example.com/in",
      "gopher://127.0.0.1:25/",
      "http://user:pass@tracker.example.com/hook",
      "not a url",
      `https://tracker.example.com/${"a".repeat(2100)}`,
      "",
    ]) {
      const res = await admin.post("/api/v1/webhooks", { url, events: ["escalation.created"] });
      assert.equal(res.status, 400, url.slice(0, 60));
      assert.equal(res.body.error.field, "url", url.slice(0, 60));
    }
    const noEvents = await admin.post("/api/v1/webhooks", { url: receiverUrl, events: [] });
    assert.equal(noEvents.status, 400);
    assert.equal(noEvents.body.error.field, "events");
    const unknownEvent = await admin.post("/api/v1/webhooks", { url: receiverUrl, events: ["case.deleted"] });
    assert.equal(unknownEvent.status, 400);
    const shortSecret = await admin.post("/api/v1/webhooks", {
      url: receiverUrl,
      events: ["escalation.created"],
      secret: "short",
    });
    assert.equal(shortSecret.body.error.field, "secret");
    assert.equal((await admin.get("/api/v1/webhooks")).body.items.length, 0, "nothing half-written");
  });

  test("only admins manage webhooks; other workspaces see 404", async () => {
    const body = { url: "https://tracker.example.com/hook", events: ["escalation.created"] };
    assert.equal((await agent.post("/api/v1/webhooks", body)).status, 403);
    assert.equal((await agent.get("/api/v1/webhooks")).status, 403);
    const created = await admin.post("/api/v1/webhooks", body);
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^whsec_/, "a secret is generated and shown once");
    const listed = await admin.get("/api/v1/webhooks");
    assert.equal(listed.body.items[0].secret, undefined, "the list never shows the secret");
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.get(`/api/v1/webhooks/${created.body.id}/deliveries`)).status, 404);
    assert.equal((await other.delete(`/api/v1/webhooks/${created.body.id}`)).status, 404);
    assert.equal((await admin.delete(`/api/v1/webhooks/${created.body.id}`)).status, 204);
    assert.equal((await admin.get("/api/v1/webhooks")).body.items.length, 0);
  });
});

describe("delivering escalation.created", () => {
  test("signed with HMAC-SHA256 over timestamp and body; a 500 is retried until it succeeds", async () => {
    const secret = "a-shared-secret-of-some-length";
    const hook = await admin.post("/api/v1/webhooks", {
      url: receiverUrl,
      events: ["escalation.created"],
      secret,
      description: "Bug tracker",
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    answers.push(500); // the first attempt fails, the retry succeeds

    const cu = await agent.post("/api/v1/customers", {
      name: "Ben Okafor",
      emails: [`ben-${Date.now()}@example.com`],
    });
    const opened = await agent.post("/api/v1/cases", {
      customerId: cu.body.id,
      subject: "Error 1013",
      message: "Hi",
    });
    const e = await agent.post(`/api/v1/cases/${opened.body.id}/escalations`, {
      summary: "Update fails with 1013",
      question: "Server side?",
    });
    assert.equal(e.status, 201);

    await eventually(() => (received.length >= 2 ? true : undefined), 40_000);
    for (const r of received) {
      const timestamp = r.headers["x-rapport-timestamp"] as string;
      assert.equal(
        r.headers["x-rapport-signature"],
        signWebhook(secret, timestamp, r.body),
        "signature verifies",
      );
      assert.equal(r.headers["x-rapport-event"], "escalation.created");
      assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 120);
    }
    assert.equal(received[0]?.body, received[1]?.body, "a retry sends the same bytes");
    const payload = JSON.parse(received[1]?.body ?? "{}");
    assert.equal(payload.event, "escalation.created");
    assert.equal(payload.id, received[1]?.headers["x-rapport-delivery"]);
    assert.equal(payload.data.escalationId, e.body.id);
    assert.equal(payload.data.caseId, opened.body.id);
    assert.equal(payload.data.caseNumber, opened.body.number);
    assert.equal(payload.data.summary, "Update fails with 1013");
    assert.equal(payload.data.question, "Server side?");
    assert.equal(payload.data.exportUrl, `${server.url}/api/v1/escalations/${e.body.id}/export`);
    // A wrong secret would not verify: the receiver can tell forgeries apart.
    assert.notEqual(
      received[1]?.headers["x-rapport-signature"],
      signWebhook(
        "another-secret-entirely",
        received[1]?.headers["x-rapport-timestamp"] as string,
        received[1]?.body ?? "",
      ),
    );

    const log = await eventually(async () => {
      const res = await admin.get(`/api/v1/webhooks/${hook.body.id}/deliveries`);
      return res.body.items[0]?.status === "delivered" ? res.body.items : undefined;
    });
    assert.equal(log.length, 1);
    assert.equal(log[0].attempts, 2);
    assert.equal(log[0].lastStatusCode, 200);
    assert.equal(log[0].event, "escalation.created");
  });
});
