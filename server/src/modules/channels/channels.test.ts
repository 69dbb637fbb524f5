import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

// The admin API of messaging channels: who may manage them, what is shown once, rotation,
// and the private-address rule for outbound URLs (this server does NOT allow private ones).
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
});
after(() => server.close());

const inbound = (channelId: string, token: string, body: unknown) =>
  new TestClient(server.url, { token, origin: null }).post(`/api/v1/channels/${channelId}/messages`, body);
const hello = (n: string) => ({
  externalThreadId: `t-${n}`,
  externalMessageId: `m-${n}`,
  from: { externalUserId: `u-${n}`, name: "Dana" },
  text: "Hello",
});

describe("managing channels", () => {
  test("an admin creates a channel and sees its token and signing secret once; agents may not", async () => {
    assert.equal((await agent.post("/api/v1/channels", { name: "X", kind: "messaging" })).status, 403);
    assert.equal((await agent.get("/api/v1/channels")).status, 403);
    const created = await admin.post("/api/v1/channels", {
      name: "Twitter bridge",
      kind: "messaging",
      outboundUrl: "https://bridge.example.com/out",
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.token, /^rch_/);
    assert.match(created.body.signingSecret, /^chsec_/);
    assert.equal(created.body.inboundUrl, `${server.url}/api/v1/channels/${created.body.id}/messages`);
    assert.equal(created.body.enabled, true);
    const listed = await admin.get("/api/v1/channels");
    assert.equal(listed.body.items.length, 1);
    assert.equal(listed.body.items[0].token, undefined, "the list never shows the token");
    assert.equal(listed.body.items[0].signingSecret, undefined);
    const one = await admin.get(`/api/v1/channels/${created.body.id}`);
    assert.equal(one.body.name, "Twitter bridge");
    assert.equal(one.body.token, undefined);
  });

  test("bad input names the field; a private or loopback outbound URL is refused", async () => {
    for (const [body, field] of [
      [{ kind: "messaging" }, "name"],
      [{ name: "A", kind: "carrier-pigeon" }, "kind"],
      [{ name: "A", kind: "messaging", outboundUrl: "ftp://x.example.com/" }, "outboundUrl"],
      [{ name: "A", kind: "messaging", outboundUrl: "http://bridge.example.com/out" }, "outboundUrl"],
      [{ name: "A", kind: "messaging", outboundUrl: "http://127.0.0.1:9/out" }, "outboundUrl"],
      [{ name: "A", kind: "messaging", outboundUrl: "https://169.254.169.254/latest" }, "outboundUrl"],
      [{ name: "A", kind: "messaging", outboundUrl: "https://localhost/out" }, "outboundUrl"],
      [{ name: "A", kind: "messaging", extra: 1 }, "extra"],
    ] as const) {
      const res = await admin.post("/api/v1/channels", body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
  });

  test("rotation issues a new token: the old one stops working at once", async () => {
    const ch = (await admin.post("/api/v1/channels", { name: "WhatsApp", kind: "messaging" })).body;
    assert.equal((await inbound(ch.id, ch.token, hello("rot1"))).status, 200);
    const rotated = await admin.post(`/api/v1/channels/${ch.id}/rotate`);
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.token, ch.token);
    assert.notEqual(rotated.body.signingSecret, ch.signingSecret);
    assert.equal((await inbound(ch.id, ch.token, hello("rot2"))).status, 401);
    assert.equal((await inbound(ch.id, rotated.body.token, hello("rot3"))).status, 200);
  });

  test("edit and disable: a disabled channel refuses messages with channel_disabled; delete removes it", async () => {
    const ch = (
      await admin.post("/api/v1/channels", {
        name: "SMS",
        kind: "sms",
        settings: { from: "+15550100", apiKey: "gw-key-1" },
      })
    ).body;
    assert.equal(ch.inboundUrl, `${server.url}/api/v1/channels/${ch.id}/sms`);
    assert.equal(ch.settings.apiKey, undefined, "the gateway's key is never returned");
    assert.equal(ch.settings.apiKeySet, true);
    assert.equal(ch.settings.from, "+15550100");
    const patched = await admin.patch(`/api/v1/channels/${ch.id}`, { name: "SMS (US)", enabled: false });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.name, "SMS (US)");
    assert.equal(patched.body.enabled, false);
    const refused = await inbound(ch.id, ch.token, hello("off"));
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, "channel_disabled");
    const badPatch = await admin.patch(`/api/v1/channels/${ch.id}`, { outboundUrl: "http://10.0.0.5/x" });
    assert.equal(badPatch.body.error.field, "outboundUrl");
    assert.equal((await admin.delete(`/api/v1/channels/${ch.id}`)).status, 204);
    assert.equal((await admin.get(`/api/v1/channels/${ch.id}`)).status, 404);
    assert.equal((await inbound(ch.id, ch.token, hello("gone"))).status, 401);
  });

  test("another workspace's channels answer 404", async () => {
    const ch = (await admin.post("/api/v1/channels", { name: "Mine", kind: "messaging" })).body;
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.get(`/api/v1/channels/${ch.id}`)).status, 404);
    assert.equal((await other.patch(`/api/v1/channels/${ch.id}`, { name: "Theirs" })).status, 404);
    assert.equal((await other.post(`/api/v1/channels/${ch.id}/rotate`)).status, 404);
    assert.equal((await other.delete(`/api/v1/channels/${ch.id}`)).status, 404);
    assert.equal((await admin.get(`/api/v1/channels/${ch.id}`)).body.name, "Mine");
  });
});

describe("inbound authentication", () => {
  test("only the channel's own Bearer token is accepted", async () => {
    const a = (await admin.post("/api/v1/channels", { name: "A", kind: "messaging" })).body;
    const b = (await admin.post("/api/v1/channels", { name: "B", kind: "messaging" })).body;
    const apiToken = (await admin.post("/api/v1/tokens", { name: "Integration" })).body.token;
    const none = await new TestClient(server.url, { origin: null }).post(
      `/api/v1/channels/${a.id}/messages`,
      hello("n"),
    );
    assert.equal(none.status, 401);
    assert.equal(none.body.error.field, "authorization");
    assert.equal((await inbound(a.id, b.token, hello("x"))).status, 401, "another channel's token");
    assert.equal(
      (await inbound(a.id, apiToken, hello("y"))).status,
      401,
      "an API token is not a channel token",
    );
    assert.equal((await inbound(a.id, `${a.token}x`, hello("z"))).status, 401);
    assert.equal(
      (await inbound("00000000-0000-4000-8000-000000000000", a.token, hello("w"))).status,
      401,
      "an unknown channel looks like a wrong token",
    );
    // Cookies are no credential here: a signed-in admin cannot post as the channel.
    assert.equal((await admin.post(`/api/v1/channels/${a.id}/messages`, hello("c"))).status, 401);
  });
});
