import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";

// The SMS adapter both ways, against a fake HTTP SMS gateway on loopback: the gateway's
// received-text webhook opens or continues the number's case, and an agent's reply reaches
// the gateway as {from, to, text, id} with the gateway's API key.
type Sent = {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: Record<string, unknown>;
};
let gateway: Server;
let gatewayUrl: string;
const sent: Sent[] = [];

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let sms: { id: string; token: string; inboundUrl: string };
let gatewayClient: TestClient;
before(async () => {
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      sent.push({
        authorization: req.headers.authorization,
        idempotencyKey: req.headers["idempotency-key"] as string | undefined,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ status: "accepted" }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/messages`;
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  sms = (
    await admin.post("/api/v1/channels", {
      name: "Text messages",
      kind: "sms",
      outboundUrl: gatewayUrl,
      settings: { from: "+15550100", apiKey: "gw-secret-key" },
    })
  ).body;
  gatewayClient = new TestClient(server.url, { token: sms.token, origin: null });
});
after(async () => {
  await server.close();
  gateway.closeAllConnections();
  await new Promise((resolve) => gateway.close(resolve));
});

test("a text from a known phone number joins that customer; the reply goes to the gateway", async () => {
  const maria = (
    await agent.post("/api/v1/customers", { name: "Maria Gonzalez", phones: ["+1 (415) 555-0100"] })
  ).body;
  const inbound = await gatewayClient.post(`/api/v1/channels/${sms.id}/sms`, {
    from: "415.555.0100",
    to: "+15550100",
    text: "My Sonos says Error 1013",
    id: "SM-1",
  });
  assert.equal(inbound.status, 200, JSON.stringify(inbound.body));
  const c = (await agent.get(`/api/v1/cases/${inbound.body.caseId}`)).body;
  assert.equal(c.customer.id, maria.id, "matched by the phone identity");
  assert.equal(c.channel, "social");
  const again = await gatewayClient.post(`/api/v1/channels/${sms.id}/sms`, {
    from: "+14155550100",
    text: "Any news?",
    id: "SM-2",
  });
  assert.equal(again.body.caseId, inbound.body.caseId, "the thread is the number, whatever its spelling");
  const dup = await gatewayClient.post(`/api/v1/channels/${sms.id}/sms`, {
    from: "+14155550100",
    text: "Any news?",
    id: "SM-2",
  });
  assert.equal(dup.body.duplicate, true);

  const reply = await agent.post(`/api/v1/cases/${inbound.body.caseId}/messages`, {
    body: "Please restart the app.",
  });
  assert.equal(reply.status, 201);
  const out = await eventually(() => sent.find((s) => s.body.id === reply.body.id));
  assert.deepEqual(out.body, {
    from: "+15550100",
    to: "+14155550100",
    text: "Please restart the app.",
    id: reply.body.id,
  });
  assert.equal(out.authorization, "Bearer gw-secret-key");
  assert.equal(out.idempotencyKey, reply.body.id);
  await eventually(async () => {
    const [d] = (await agent.get(`/api/v1/cases/${inbound.body.caseId}/channel-deliveries`)).body.items;
    return d?.status === "sent" ? d : undefined;
  });
});

test("a text from an unknown number creates a customer with the phone identity", async () => {
  const res = await gatewayClient.post(`/api/v1/channels/${sms.id}/sms`, {
    from: "+44 20 7946 0018",
    text: "Hi",
    id: "SM-3",
  });
  assert.equal(res.status, 200);
  const c = (await agent.get(`/api/v1/cases/${res.body.caseId}`)).body;
  const customer = (await agent.get(`/api/v1/customers/${c.customer.id}`)).body;
  const kinds = customer.identities.map((i: { kind: string; value: string }) => [i.kind, i.value]).sort();
  assert.deepEqual(kinds, [
    ["phone", "+442079460018"],
    ["social", `${sms.id}:+442079460018`],
  ]);
  assert.equal(customer.name, "+44 20 7946 0018");
});

test("the SMS route refuses bad numbers and non-SMS channels, naming the field", async () => {
  const bad = await gatewayClient.post(`/api/v1/channels/${sms.id}/sms`, {
    from: "not a number",
    text: "x",
    id: "SM-9",
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "from");
  const missing = await gatewayClient.post(`/api/v1/channels/${sms.id}/sms`, {
    from: "+14155550100",
    text: "x",
  });
  assert.equal(missing.body.error.field, "id");
  const generic = (await admin.post("/api/v1/channels", { name: "Generic", kind: "messaging" })).body;
  const wrongKind = await new TestClient(server.url, { token: generic.token, origin: null }).post(
    `/api/v1/channels/${generic.id}/sms`,
    { from: "+14155550100", text: "x", id: "SM-10" },
  );
  assert.equal(wrongKind.status, 400);
  assert.equal(wrongKind.body.error.field, "channelId");
});
