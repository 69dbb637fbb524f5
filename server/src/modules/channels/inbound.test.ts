import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

// The generic inbound endpoint: threading, duplicates, concurrency, identities, attachments,
// hostile input and the per-channel rate limit. Attachments by URL come from a file server on
// loopback, which only WEBHOOK_ALLOW_PRIVATE lets Rapport reach.
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let channel: { id: string; token: string };
let bridge: TestClient;
let files: Server;
let filesUrl: string;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

before(async () => {
  files = createServer((req, res) => {
    if (req.url === "/photo") {
      res.setHeader("content-type", "text/plain"); // a lie: the bytes say PNG
      res.end(PNG);
    } else if (req.url === "/huge") {
      res.setHeader("content-type", "application/octet-stream");
      res.end(Buffer.alloc(5 * 1024 * 1024 + 10));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  channel = (await admin.post("/api/v1/channels", { name: "Facebook", kind: "messaging" })).body;
  bridge = new TestClient(server.url, { token: channel.token, origin: null });
});
after(async () => {
  await server.close();
  files.closeAllConnections();
  await new Promise((resolve) => files.close(resolve));
});

let seq = 0;
const send = (over: Record<string, unknown> = {}) => {
  seq += 1;
  return bridge.post(`/api/v1/channels/${channel.id}/messages`, {
    externalThreadId: "thread-1",
    externalMessageId: `msg-${seq}-${Math.random()}`,
    from: { externalUserId: "fb-100", name: "Ines Duarte", handle: "@ines" },
    text: "My speaker keeps dropping off the network",
    ...over,
  });
};
const messagesOf = async (caseId: string) => (await agent.get(`/api/v1/cases/${caseId}/messages`)).body.items;

describe("threading", () => {
  test("one case per external thread, channel 'social', the sender a new customer with a social identity", async () => {
    const first = await send({ externalThreadId: "th-a" });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.duplicate, false);
    const second = await send({ externalThreadId: "th-a", text: "Still happening" });
    assert.equal(second.body.caseId, first.body.caseId, "the same thread joins the same case");
    const other = await send({ externalThreadId: "th-b", text: "Another question" });
    assert.notEqual(other.body.caseId, first.body.caseId, "another thread is another case");

    const c = (await agent.get(`/api/v1/cases/${first.body.caseId}`)).body;
    assert.equal(c.channel, "social");
    assert.equal(c.subject, "My speaker keeps dropping off the network");
    const msgs = await messagesOf(first.body.caseId);
    assert.deepEqual(
      msgs.map((m: { body: string; channel: string; kind: string }) => [m.kind, m.channel, m.body]),
      [
        ["customer", "social", "My speaker keeps dropping off the network"],
        ["customer", "social", "Still happening"],
      ],
    );
    const customer = (await agent.get(`/api/v1/customers/${c.customer.id}`)).body;
    assert.equal(customer.name, "Ines Duarte");
    const social = customer.identities.find((i: { kind: string }) => i.kind === "social");
    assert.equal(social.value, `${channel.id}:fb-100`);
    assert.equal(
      c.customer.id,
      (await agent.get(`/api/v1/cases/${other.body.caseId}`)).body.customer.id,
      "same sender, same customer",
    );
  });

  test("a sender with an existing social identity is matched to that customer", async () => {
    const known = await agent.post("/api/v1/customers", { name: "Known Person" });
    const added = await agent.post(`/api/v1/customers/${known.body.id}/identities`, {
      kind: "social",
      value: `${channel.id}:fb-known`,
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const res = await send({
      externalThreadId: "th-known",
      from: { externalUserId: "fb-known", handle: "@someone" },
    });
    assert.equal((await agent.get(`/api/v1/cases/${res.body.caseId}`)).body.customer.id, known.body.id);
  });

  test("a duplicate externalMessageId is ignored: duplicate true, nothing written", async () => {
    const body = { externalThreadId: "th-dup", externalMessageId: "dup-1" };
    const first = await send(body);
    const again = await send({ ...body, text: "a different text, same id" });
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true);
    assert.equal(again.body.caseId, first.body.caseId);
    assert.equal(again.body.messageId, first.body.messageId);
    assert.equal((await messagesOf(first.body.caseId)).length, 1);
  });

  test("parallel first messages of one thread make ONE case", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send({
          externalThreadId: "th-race",
          externalMessageId: `race-${i}`,
          from: { externalUserId: "fb-race", name: "Racer" },
        }),
      ),
    );
    assert.ok(
      results.every((r) => r.status === 200),
      JSON.stringify(results.map((r) => r.body)),
    );
    assert.equal(new Set(results.map((r) => r.body.caseId)).size, 1);
    assert.equal((await messagesOf(results[0]?.body.caseId)).length, 8);
    // And the sender became exactly one customer.
    const found = await agent.get(`/api/v1/customers?q=Racer`);
    assert.equal(found.body.items.filter((c: { name: string }) => c.name === "Racer").length, 1);
  });

  test("a new message on a solved case reopens it; on a closed case it opens a follow-up", async () => {
    const first = await send({ externalThreadId: "th-reopen" });
    await agent.patch(`/api/v1/cases/${first.body.caseId}`, { status: "solved" });
    const back = await send({ externalThreadId: "th-reopen", text: "It broke again" });
    assert.equal(back.body.caseId, first.body.caseId);
    assert.equal((await agent.get(`/api/v1/cases/${first.body.caseId}`)).body.status, "open");
    await agent.patch(`/api/v1/cases/${first.body.caseId}`, { status: "closed" });
    const later = await send({ externalThreadId: "th-reopen", text: "Months later" });
    assert.notEqual(later.body.caseId, first.body.caseId);
    const next = await send({ externalThreadId: "th-reopen", text: "And again" });
    assert.equal(next.body.caseId, later.body.caseId, "the thread now continues in the follow-up");
  });
  test("a thread whose case was merged continues in the case it was merged into", async () => {
    const from = { externalUserId: "fb-merge", name: "Merge Person" };
    const a = await send({ externalThreadId: "th-m1", from });
    const b = await send({ externalThreadId: "th-m2", from });
    const merged = await agent.post(`/api/v1/cases/${a.body.caseId}/merge`, { caseIds: [b.body.caseId] });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    const later = await send({ externalThreadId: "th-m2", from, text: "after the merge" });
    assert.equal(later.body.caseId, a.body.caseId);
  });
});

describe("content", () => {
  test("text may be empty only with attachments; inline and fetched attachments are sniffed", async () => {
    const empty = await send({ text: "" });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "text");
    const res = await send({
      externalThreadId: "th-files",
      text: "",
      attachments: [
        { name: "inline.png", contentType: "text/html", dataBase64: PNG.toString("base64") },
        { name: "fetched.png", url: `${filesUrl}/photo` },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [m] = await messagesOf(res.body.caseId);
    assert.deepEqual(
      m.attachments.map((a: { name: string; contentType: string; size: number }) => [
        a.name,
        a.contentType,
        a.size,
      ]),
      [
        ["inline.png", "image/png", PNG.length],
        ["fetched.png", "image/png", PNG.length],
      ],
    );
    const c = (await agent.get(`/api/v1/cases/${res.body.caseId}`)).body;
    assert.equal(c.subject, "Message from Ines Duarte");
  });

  test("bad attachments are refused naming the attachment, and nothing is written", async () => {
    for (const [attachment, field] of [
      [{ name: "a.bin", dataBase64: "not base64!!" }, "attachments.0.dataBase64"],
      [{ name: "a.bin" }, "attachments.0"],
      [{ name: "a.bin", url: `${filesUrl}/photo`, dataBase64: "AAAA" }, "attachments.0"],
      [{ name: "big.bin", url: `${filesUrl}/huge` }, "attachments.0.url"],
      [{ name: "missing.bin", url: `${filesUrl}/nothing` }, "attachments.0.url"],
      [
        { name: "big.bin", dataBase64: Buffer.alloc(5 * 1024 * 1024 + 1).toString("base64") },
        "attachments.0.dataBase64",
      ],
    ] as const) {
      const res = await send({ externalThreadId: "th-bad-files", attachments: [attachment] });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, field);
    }
    const ok = await send({ externalThreadId: "th-bad-files", text: "now fine" });
    assert.equal((await messagesOf(ok.body.caseId)).length, 1, "the refused messages left nothing behind");
  });

  test("hostile input: unknown fields, over-long ids and NUL bytes are 400s naming the field; markup is kept as text", async () => {
    for (const [over, field] of [
      [{ extra: true }, "extra"],
      [{ externalThreadId: "x".repeat(501) }, "externalThreadId"],
      [{ externalMessageId: "" }, "externalMessageId"],
      [{ from: { externalUserId: "u", admin: true } }, "from.admin"],
      [{ text: "a\u0000b" }, "text"],
      [{ text: "x".repeat(20_001) }, "text"],
      [{ sentAt: "yesterday" }, "sentAt"],
      [{ attachments: Array.from({ length: 11 }, () => ({ name: "a", dataBase64: "AAAA" })) }, "attachments"],
    ] as const) {
      const res = await send(over);
      assert.equal(res.status, 400, JSON.stringify(over).slice(0, 80));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const script = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    const res = await send({
      externalThreadId: "th-xss",
      text: script,
      from: { externalUserId: "x", name: script },
    });
    const [m] = await messagesOf(res.body.caseId);
    assert.equal(m.body, script, "stored verbatim as text; the agent app renders it as text");
    assert.equal(m.email, null, "no HTML part that the app would render as markup");
  });
});

describe("rate limit", () => {
  test("a channel gets 300 messages a minute; the next is 429", async () => {
    const ch = (await admin.post("/api/v1/channels", { name: "Busy", kind: "messaging" })).body;
    const client = new TestClient(server.url, { token: ch.token, origin: null });
    const body = {
      externalThreadId: "t",
      externalMessageId: "same",
      from: { externalUserId: "u" },
      text: "hi",
    };
    for (let i = 0; i < 300; i++) {
      const res = await client.post(`/api/v1/channels/${ch.id}/messages`, body);
      assert.equal(res.status, 200);
    }
    const limited = await client.post(`/api/v1/channels/${ch.id}/messages`, body);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, "rate_limited");
    // Another channel is not affected.
    assert.equal((await send({ externalThreadId: "th-after-limit" })).status, 200);
  });
});
