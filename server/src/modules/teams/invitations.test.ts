import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { startSink } from "../../../test/mail.ts";

/**
 * Without a mail relay the admin gets the invitation link to pass on; invitations can be sent
 * again with a fresh link (the old one stops working) and revoked.
 */
let server: TestServer;
let admin: TestClient;
const closers: Array<() => Promise<void>> = [];
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  for (const c of closers) await c();
});

const tokenOf = (link: string) => decodeURIComponent(link.split("/invite/")[1] ?? "");
const preview = (link: string) =>
  new TestClient(server.url).get(`/api/v1/invitations/preview?token=${encodeURIComponent(tokenOf(link))}`);

test("without a relay the admin gets the link; resending replaces it; revoking ends it", async () => {
  const created = await admin.post("/api/v1/invitations", { email: "lee@soundwave.example" });
  assert.equal(created.status, 201);
  assert.match(created.body.link, /\/invite\/.+/);
  assert.equal((await preview(created.body.link)).status, 200);

  const resent = await admin.post(`/api/v1/invitations/${created.body.id}/resend`);
  assert.equal(resent.status, 200, JSON.stringify(resent.body));
  assert.notEqual(resent.body.link, created.body.link);
  assert.equal((await preview(created.body.link)).status, 404, "the old link stops working");
  assert.equal((await preview(resent.body.link)).status, 200);

  const revoked = await admin.post(`/api/v1/invitations/${created.body.id}/revoke`);
  assert.equal(revoked.status, 200);
  assert.ok(revoked.body.revokedAt);
  assert.equal((await preview(resent.body.link)).status, 404, "a revoked link no longer works");
  const listed = (await admin.get("/api/v1/invitations")).body.items.find(
    (i: { id: string }) => i.id === created.body.id,
  );
  assert.ok(listed.revokedAt);
  const again = await admin.post(`/api/v1/invitations/${created.body.id}/resend`);
  assert.equal(again.status, 409, "a revoked invitation is not sent again");
});

test("only admins resend or revoke; unknown ids are 404", async () => {
  const created = await admin.post("/api/v1/invitations", { email: "kim@soundwave.example" });
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.post(`/api/v1/invitations/${created.body.id}/resend`)).status, 403);
  assert.equal((await agent.post(`/api/v1/invitations/${created.body.id}/revoke`)).status, 403);
  const unknown = "00000000-0000-4000-8000-000000000000";
  assert.equal((await admin.post(`/api/v1/invitations/${unknown}/revoke`)).status, 404);
  const bad = await admin.post("/api/v1/invitations/not-a-uuid/resend");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "id");
});

test("with a relay the link is emailed and not handed back", async () => {
  const sink = await startSink();
  closers.push(sink.close);
  const saved = await admin.request("PUT", "/api/v1/email/outgoing", {
    host: "127.0.0.1",
    port: sink.port,
    security: "none",
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const created = await admin.post("/api/v1/invitations", { email: "sam@soundwave.example" });
  assert.equal(created.body.link, null);
  const mail = await eventually(() =>
    sink.received.find((r) => r.envelopeTo.includes("sam@soundwave.example")),
  );
  assert.match(mail.mail.text ?? "", /\/invite\//);
});
