import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

// Issue #22: the phone system gives the call's recording link and transcript when it ends the
// call; both reach the timeline (the transcript's start) and the call itself (the whole text).
let server: TestServer;
let admin: TestClient;
let telephony: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  const token = (await admin.post("/api/v1/tokens", { name: "PBX" })).body.token;
  telephony = new TestClient(server.url, { token, origin: null });
});
after(() => server.close());

const startCall = async (from: string) =>
  (await telephony.post("/api/v1/calls", { from, to: "+18005550000" })).body;

test("recording URL and transcript are kept on the call and appear on the timeline", async () => {
  const call = await startCall("+1 415 555 0142");
  const transcript = `Agent: Rapport support, how can I help?\nCaller: ${"My speaker shows error 1013. ".repeat(40).trim()}`;
  const ended = await telephony.post(`/api/v1/calls/${call.callId}/end`, {
    durationSeconds: 95,
    note: "Walked through a reset",
    recordingUrl: "https://pbx.example.com/recordings/abc.mp3",
    transcript,
  });
  assert.equal(ended.status, 200, JSON.stringify(ended.body));
  assert.equal(ended.body.recordingUrl, "https://pbx.example.com/recordings/abc.mp3");
  assert.equal(ended.body.transcript, transcript);

  const one = await admin.get(`/api/v1/calls/${call.callId}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.transcript, transcript, "the whole transcript stays on the call");

  const timeline = (await admin.get(`/api/v1/customers/${call.customer.id}/context`)).body.timeline;
  const event = timeline.find((e: { kind: string }) => e.kind === "call.ended");
  assert.equal(event.data.recordingUrl, "https://pbx.example.com/recordings/abc.mp3");
  assert.equal(event.data.transcriptExcerpt, transcript.slice(0, 300));
  assert.equal(event.data.note, "Walked through a reset");
});

test("a call ended without them has neither; bad values are refused naming the field", async () => {
  const plain = await startCall("+1 415 555 0143");
  for (const [body, field] of [
    [{ recordingUrl: "http://pbx.example.com/a.mp3" }, "recordingUrl"],
    [{ recordingUrl: "javascript:alert(1)" }, "recordingUrl"],
    [{ transcript: "x".repeat(200_001) }, "transcript"],
    [{ transcript: 42 }, "transcript"],
  ] as const) {
    const res = await telephony.post(`/api/v1/calls/${plain.callId}/end`, body);
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 60));
    assert.equal(res.body.error.field, field);
  }
  const ended = await telephony.post(`/api/v1/calls/${plain.callId}/end`, { durationSeconds: 5 });
  assert.equal(ended.body.recordingUrl, null);
  assert.equal(ended.body.transcript, null);
  const timeline = (await admin.get(`/api/v1/customers/${plain.customer.id}/context`)).body.timeline;
  const event = timeline.find((e: { kind: string }) => e.kind === "call.ended");
  assert.equal(event.data.recordingUrl, undefined);
  assert.equal(event.data.transcriptExcerpt, undefined);
});

test("a call's transcript is for this workspace's staff only", async () => {
  const call = await startCall("+1 415 555 0144");
  await telephony.post(`/api/v1/calls/${call.callId}/end`, { transcript: "private words" });
  const { client: other } = await otherWorkspace(server);
  assert.equal((await other.get(`/api/v1/calls/${call.callId}`)).status, 404);
  const { client: customer } = await customerClient(server);
  assert.equal((await customer.get(`/api/v1/calls/${call.callId}`)).status, 403);
  assert.equal((await new TestClient(server.url).get(`/api/v1/calls/${call.callId}`)).status, 401);
});
