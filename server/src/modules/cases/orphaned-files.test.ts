import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { smtpClient } from "../../../test/mail.ts";
import { collectOrphanedFiles } from "./orphaned-files.ts";

/**
 * Files saved for a message whose transaction rolled back stay in storage with no row listing
 * them. The daily `files.collect` job deletes those older than the grace period (24 h), and
 * never a file a message lists, nor a young one (its transaction may still be in flight).
 */
let server: TestServer;
let admin: TestClient;
let workspaceId: string;
before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
});

const exists = (key: string) => fs.existsSync(path.join(server.runtime.ctx.config.dataDir, "files", key));
const age = (key: string, hours: number) => {
  const when = new Date(Date.now() - hours * 3_600_000);
  fs.utimesSync(path.join(server.runtime.ctx.config.dataDir, "files", key), when, when);
};

test("an old file no message lists is deleted; a listed one and a fresh one are kept", async () => {
  const { ctx } = server.runtime;
  const log = Buffer.from("amplifier log\n".repeat(100));
  await smtpClient(ctx.config.smtpPort).sendMail({
    from: "Ola Nordmann <ola@example.no>",
    to: "support@localhost",
    subject: "Log from the amplifier",
    text: "Log attached.",
    attachments: [{ filename: "amp.log", content: log }],
  });
  const c = await eventually(async () =>
    (await admin.get("/api/v1/cases?status=all")).body.items.find(
      (x: { subject: string }) => x.subject === "Log from the amplifier",
    ),
  );
  const att = (await admin.get(`/api/v1/cases/${c.id}/messages`)).body.items[0].attachments[0];
  const [listed] = fs.readdirSync(path.join(ctx.config.dataDir, "files", workspaceId));
  const listedKey = `${workspaceId}/${listed}`;

  // What a rolled-back chunk leaves behind: saved, never listed by a message.
  const orphan = await ctx.files.save(workspaceId, Buffer.from("orphan"));
  const fresh = await ctx.files.save(workspaceId, Buffer.from("young orphan"));
  age(listedKey, 48);
  age(orphan, 25);
  age(fresh, 23);

  await ctx.boss.send("files.collect", {});
  await eventually(() => (exists(orphan) ? undefined : true), 20_000);
  assert.ok(exists(listedKey), "a file a message lists is kept, however old");
  assert.ok(exists(fresh), "a file younger than the grace period is kept");
  const download = await fetch(`${server.url}/api/v1/attachments/${att.id}`, {
    headers: { cookie: admin.cookieHeader() },
  });
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), log);
});

test("pictures (staff avatars, the workspace logo) are never collected, however old", async () => {
  const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  assert.equal((await admin.put("/api/v1/me/avatar", { dataBase64: PNG })).status, 200);
  assert.equal((await admin.put("/api/v1/workspace/logo", { dataBase64: PNG })).status, 200);
  await collectOrphanedFiles(server.runtime.ctx, { graceHours: 0, now: new Date(Date.now() + 60_000) });
  assert.equal((await admin.get("/api/v1/me/avatar")).status, 200);
  assert.equal((await admin.get("/api/v1/workspace/logo")).status, 200);
});
