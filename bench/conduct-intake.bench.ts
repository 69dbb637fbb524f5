/**
 * What the assessment pipeline costs intake (issue #20: "adds nothing to SMTP or API acceptance
 * latency"), and how fast the job drains. Not part of the suite (not *.test.ts); run with
 *   npm run bench:conduct-intake
 * It opens cases through the HTTP API in alternating rounds with the 0053 message trigger on and
 * off (the trigger's insert is the only work intake gains), sends mail over SMTP the same way,
 * then times the `conduct.assess` job over everything queued.
 */
import { after, before, test } from "node:test";
import { drainAssessments } from "../server/src/modules/conduct/assess/assess-job.ts";
import type { TestClient } from "../server/test/client.ts";
import { setUpWorkspace } from "../server/test/factories.ts";
import { startTestServer, type TestServer } from "../server/test/harness.ts";
import { sendRaw } from "../server/test/mail.ts";

let server: TestServer;
let admin: TestClient;
let customerId: string;
const ROUNDS = 4;
const PER_ROUND = 40;

before(async () => {
  // The worker's 2 s poll would assess during the timed rounds; the bench drains explicitly.
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  customerId = (await admin.post("/api/v1/customers", { name: "Bench Customer" })).body.id;
});
after(() => server.close());

const q = (sql: string) => server.runtime.ctx.pool.query(sql);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

test("API and SMTP acceptance with and without the assessment trigger; job throughput", async () => {
  const api: Record<"on" | "off", number[]> = { on: [], off: [] };
  const smtp: Record<"on" | "off", number[]> = { on: [], off: [] };
  let n = 0;
  for (let round = 0; round < ROUNDS * 2; round++) {
    const mode = round % 2 === 0 ? "on" : "off";
    await q(`alter table messages ${mode === "on" ? "enable" : "disable"} trigger assessment_queue_message`);
    for (let i = 0; i < PER_ROUND; i++) {
      n++;
      const t0 = performance.now();
      const res = await admin.post("/api/v1/cases", {
        customerId,
        subject: `Bench ${n}`,
        message:
          n % 3 === 0 ? "You are a useless idiot." : "I'm furious, the third time the update broke it.",
      });
      api[mode].push(performance.now() - t0);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      const t1 = performance.now();
      await sendRaw(
        server.runtime.ctx.config.smtpPort,
        `From: bench${n}@example.org\r\nTo: support@localhost\r\nSubject: Mail ${n}\r\nMessage-ID: <b${n}@example.org>\r\n\r\nThis is the third time, I'm furious.\r\n`,
      );
      smtp[mode].push(performance.now() - t1);
    }
  }
  await q("alter table messages enable trigger assessment_queue_message");
  for (const [name, m] of [
    ["API POST /api/v1/cases", api],
    ["SMTP acceptance (250 OK)", smtp],
  ] as const) {
    for (const mode of ["on", "off"] as const) {
      console.log(
        `${name} trigger ${mode}: n=${m[mode].length} median ${pct(m[mode], 0.5).toFixed(1)} ms, p95 ${pct(m[mode], 0.95).toFixed(1)} ms`,
      );
    }
  }
  // Let email processing finish, then assess every customer message again from scratch and
  // time it (the worker's poll shares the work under the job's lock; both count).
  await new Promise((r) => setTimeout(r, 3000));
  await q("delete from text_assessments");
  const t = performance.now();
  await q(`insert into assessment_queue (workspace_id, source, source_id)
           select workspace_id, 'message', id from messages where kind = 'customer'`);
  await drainAssessments(server.runtime.ctx);
  for (;;) {
    const { rows } = await server.runtime.ctx.pool.query("select count(*)::int as n from assessment_queue");
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const s = (performance.now() - t) / 1000;
  const { rows } = await server.runtime.ctx.pool.query("select count(*)::int as n from text_assessments");
  console.log(
    `conduct.assess job: ${rows[0].n} texts in ${s.toFixed(2)} s = ${(rows[0].n / s).toFixed(0)} texts/s (reads, classifier, writes, realtime)`,
  );
});
