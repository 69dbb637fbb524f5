import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";
import { runCli } from "../../test/cli.ts";
import type { TestClient } from "../../test/client.ts";
import { setUpWorkspace } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/harness.ts";
import { rotateSealedSecrets } from "./rotate-secrets.ts";
import { unseal } from "./sealed.ts";
import { SEALED_COLUMNS } from "./sealed-columns.ts";

/**
 * `rapport secrets rotate` (issue #23): every stored secret moves from the old AUTH_SECRET to the
 * new one in one transaction, twice is harmless, a value under neither key stops everything,
 * and no sealed purpose in the code is missing from the list the rotation walks.
 */
const OLD = "test-secret-that-is-long-enough-to-be-accepted"; // the harness's AUTH_SECRET
const NEW = "a-brand-new-auth-secret-of-enough-length-0123456789";
let server: TestServer;
let admin: TestClient;
let userId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin } = await setUpWorkspace(server));
  userId = (await admin.get("/api/v1/me")).body.user.id;
  const hook = await admin.post("/api/v1/webhooks", {
    url: "http://127.0.0.1:9/hook",
    events: ["sla.breached"],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const stream = await admin.put("/api/v1/audit/stream", { url: "http://127.0.0.1:9/siem" });
  assert.equal(stream.status, 200, JSON.stringify(stream.body));
  // A TOTP key as Better Auth's two-factor plugin stores it (encrypted with the auth secret).
  const key = await symmetricEncrypt({ key: OLD, data: "JBSWY3DPEHPK3PXP" });
  await q(
    `insert into auth."twoFactor" (id, secret, "backupCodes", "userId") values ('tf-rotate', $1, '[]', $2)`,
    [key, userId],
  );
});
after(() => server.close());

test("every sealed purpose in the code is walked by the rotation (or is a signing key, not stored)", () => {
  // Keys that sign links rather than seal stored values: rotating only makes old links stop working.
  const signingOnly = new Set(["community-unsubscribe", "feedback-unsubscribe"]);
  const listed = new Set(SEALED_COLUMNS.map((c) => c.purpose));
  const root = path.resolve(import.meta.dirname, "..");
  const purposes = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith(".test.ts"))
        for (const m of fs
          .readFileSync(p, "utf8")
          .matchAll(/const [A-Z_]*(?:PURPOSE|SEAL)[A-Z_]* = "([^"]+)"/g))
          purposes.add(m[1] as string);
    }
  };
  walk(root);
  assert.ok(purposes.size >= 9, `found ${purposes.size}`);
  const missing = [...purposes].filter((p) => !listed.has(p) && !signingOnly.has(p));
  assert.deepEqual(missing, [], "add these to platform/sealed-columns.ts");
});

test("a value sealed under neither key stops the rotation and nothing moves", async () => {
  const { rows } = await q("select secret_sealed from webhook_endpoints limit 1");
  const before = rows[0].secret_sealed as string;
  await assert.rejects(
    rotateSealedSecrets(server.runtime.ctx.db, "some-other-secret-that-never-sealed-anything", NEW),
    /webhook_endpoints\.secret_sealed holds a value sealed under neither key/,
  );
  const after = await q("select secret_sealed from webhook_endpoints limit 1");
  assert.equal(after.rows[0].secret_sealed, before, "rolled back");
});

test("the command re-seals everything under the new secret; a second run changes nothing", async () => {
  const hookBefore = (await q("select secret_sealed from webhook_endpoints")).rows[0].secret_sealed as string;
  const plainHook = unseal(OLD, "webhook-secret", hookBefore);
  const secretFile = path.join(fs.mkdtempSync(path.join(process.cwd(), ".tmp/rotate-")), "old-secret");
  fs.writeFileSync(secretFile, `${OLD}\n`);
  const run = () =>
    runCli(server.databaseUrl, ["secrets", "rotate", "--old-secret-file", secretFile], 120_000, {
      AUTH_SECRET: NEW,
    });
  const first = await run();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /webhook_endpoints\.secret_sealed: 1 re-sealed/);
  assert.match(first.stdout, /audit_streams\.secret_sealed: 1 re-sealed/);
  assert.match(first.stdout, /TOTP keys\): 1 re-sealed/);
  assert.match(first.stdout, /1 people use two-factor sign-in: their recovery codes no longer work/);

  const hookAfter = (await q("select secret_sealed from webhook_endpoints")).rows[0].secret_sealed as string;
  assert.notEqual(hookAfter, hookBefore);
  assert.equal(unseal(NEW, "webhook-secret", hookAfter), plainHook, "the same secret, under the new key");
  assert.throws(() => unseal(OLD, "webhook-secret", hookAfter), "no longer opens under the old key");
  const stream = (await q("select secret_sealed from audit_streams")).rows[0].secret_sealed as string;
  assert.match(unseal(NEW, "audit-stream", stream), /^audsec_/);
  const totp = (await q(`select secret from auth."twoFactor" where id = 'tf-rotate'`)).rows[0]
    .secret as string;
  assert.equal(await symmetricDecrypt({ key: NEW, data: totp }), "JBSWY3DPEHPK3PXP");

  const second = await run();
  assert.equal(second.status, 0, second.stderr);
  assert.match(
    second.stdout,
    /webhook_endpoints\.secret_sealed: 0 re-sealed, 1 already under the current secret/,
  );
  assert.equal((await q("select secret_sealed from webhook_endpoints")).rows[0].secret_sealed, hookAfter);

  const noFile = await runCli(server.databaseUrl, ["secrets", "rotate"], 60_000, { AUTH_SECRET: NEW });
  assert.notEqual(noFile.status, 0);
  assert.match(noFile.stderr, /--old-secret-file \(or OLD_AUTH_SECRET\) is required/);
  fs.rmSync(path.dirname(secretFile), { recursive: true, force: true });
});
