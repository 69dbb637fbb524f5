import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, freePort, startTestServer, type TestServer } from "../../../test/harness.ts";
import { smtpClient } from "../../../test/mail.ts";
import { ConfigError, loadConfig } from "../../platform/config.ts";
import { collectOrphanedFiles } from "../cases/orphaned-files.ts";

/**
 * Attachments in S3-compatible storage: a real S3 endpoint (s3rver) on loopback, started here.
 * s3rver accepts the fixed credentials S3RVER / S3RVER.
 */
const BUCKET = "rapport-files";
let s3Port: number;
let s3Dir: string;
let s3: S3rver | undefined;
let server: TestServer;
let admin: TestClient;

async function startS3() {
  s3 = new S3rver({
    port: s3Port,
    address: "127.0.0.1",
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  await s3.run();
}
async function stopS3() {
  await s3?.close();
  s3 = undefined;
}

before(async () => {
  s3Port = await freePort();
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-s3-"));
  await startS3();
  server = await startTestServer({
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_BUCKET: BUCKET,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
  });
  ({ admin } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  await stopS3();
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

const bucketKeys = async () => {
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${s3Port}`,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  client.destroy();
  return (listed.Contents ?? []).map((o) => o.Key as string);
};

async function caseWithSubject(subject: string, ms?: number) {
  return eventually(async () => {
    const res = await admin.get(`/api/v1/cases?status=all&limit=100`);
    return res.body.items.find((c: { subject: string }) => c.subject === subject);
  }, ms);
}
async function firstAttachment(caseId: string) {
  const res = await admin.get(`/api/v1/cases/${caseId}/messages?limit=10`);
  return res.body.items[0].attachments[0] as { id: string; name: string; size: number };
}
async function download(id: string) {
  const res = await fetch(`${server.url}/api/v1/attachments/${id}`, {
    headers: { cookie: admin.cookieHeader() },
  });
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
}

test("an emailed attachment is stored in the bucket, not on disk, and downloads from the case intact", async () => {
  const log = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31) % 251));
  await smtpClient(server.runtime.ctx.config.smtpPort).sendMail({
    from: "Ola Nordmann <ola@example.no>",
    to: "support@localhost",
    subject: "Diagnostics from the Arc",
    text: "Log attached.",
    attachments: [{ filename: "arc-diagnostics.bin", content: log }],
  });
  const c = await caseWithSubject("Diagnostics from the Arc");
  const att = await firstAttachment(c.id);
  assert.equal(att.name, "arc-diagnostics.bin");
  assert.equal(att.size, log.length);
  assert.deepEqual(await download(att.id), log);
  const keys = await bucketKeys();
  assert.equal(keys.length, 1);
  assert.match(keys[0] ?? "", /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  assert.equal(
    fs.existsSync(path.join(server.runtime.ctx.config.dataDir, "files")),
    false,
    "nothing on disk",
  );
});

test("while storage is down the message waits and is retried; nothing is lost once it is back", async () => {
  await stopS3();
  const photo = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
  const info = await smtpClient(server.runtime.ctx.config.smtpPort).sendMail({
    from: "Ola Nordmann <ola@example.no>",
    to: "support@localhost",
    subject: "Photo of the red light",
    text: "Photo attached.",
    messageId: "<red-light-photo@example.no>",
    attachments: [{ filename: "red-light.png", content: photo }],
  });
  assert.match(
    info.response,
    /^250/,
    "intake does not depend on file storage: the raw mail is in the database",
  );
  const failedOnce = await eventually(async () => {
    const { rows } = await server.runtime.ctx.pool.query(
      `select j.retry_count, j.state, i.status
         from pgboss.job j join inbound_emails i on i.id = (j.data->>'inboundId')::uuid
        where j.name = 'email.process' and i.message_id = '<red-light-photo@example.no>'`,
    );
    return rows[0]?.retry_count > 0 ? rows[0] : undefined;
  }, 15_000);
  assert.equal(failedOnce.status, "received", "not applied, not marked failed: it will be retried");
  assert.equal((await admin.get("/api/v1/cases?status=all&limit=100")).body.items.length, 1);

  await startS3();
  const c = await caseWithSubject("Photo of the red light", 40_000);
  const att = await firstAttachment(c.id);
  assert.deepEqual(await download(att.id), photo);
  const messages = (await admin.get(`/api/v1/cases/${c.id}/messages`)).body.items;
  assert.equal(messages.length, 1, "applied exactly once after the retries");
});

test("the orphaned-file collector lists and deletes in the bucket, keeping what messages list", async () => {
  const { ctx } = server.runtime;
  const listed = await bucketKeys();
  assert.ok(listed.length > 0, "the attachments of the tests above");
  const orphan = await ctx.files.save(listed[0]?.split("/")[0] ?? "", Buffer.from("rolled back"));
  // Nothing is old enough yet: the grace period protects a save whose transaction is in flight.
  assert.deepEqual(await collectOrphanedFiles(ctx, { graceHours: 24 }), { checked: 0, deleted: 0 });
  // Two days on (S3 keeps its own LastModified, so the clock moves instead of the files).
  const later = new Date(Date.now() + 48 * 3_600_000);
  const swept = await collectOrphanedFiles(ctx, { graceHours: 24, now: later });
  assert.deepEqual(swept, { checked: listed.length + 1, deleted: 1 });
  assert.deepEqual((await bucketKeys()).sort(), [...listed].sort());
  assert.ok(!(await bucketKeys()).includes(orphan));
});

test("S3 settings are validated per variable", () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ S3_REGION: "eu-west-1" }, "S3_BUCKET"],
    [{ S3_BUCKET: "files", S3_ACCESS_KEY_ID: "AKIA123" }, "S3_SECRET_ACCESS_KEY"],
    [{ S3_BUCKET: "files", S3_SECRET_ACCESS_KEY: "secret" }, "S3_ACCESS_KEY_ID"],
    [{ S3_BUCKET: "files", S3_ENDPOINT: "ftp://minio" }, "S3_ENDPOINT"],
    [{ S3_BUCKET: "Not_A_Bucket" }, "S3_BUCKET"],
    [{ S3_BUCKET: "files", S3_FORCE_PATH_STYLE: "sometimes" }, "S3_FORCE_PATH_STYLE"],
  ];
  for (const [env, name] of cases) {
    assert.throws(
      () => loadConfig(env),
      (err: Error) => err instanceof ConfigError && err.message.includes(`${name}:`),
      name,
    );
  }
  assert.equal(loadConfig({}).s3, undefined, "local disk by default");
  assert.deepEqual(loadConfig({ S3_BUCKET: "files" }).s3, {
    endpoint: undefined,
    bucket: "files",
    region: "us-east-1",
    accessKeyId: undefined,
    secretAccessKey: undefined,
    forcePathStyle: false,
  });
});
