import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import pg from "pg";
import WebSocket from "ws";
import { runCli } from "../cli.ts";
import { TestClient } from "../client.ts";
import { createTestDatabase, dropTestDatabase, eventually } from "../harness.ts";
import { sendRaw } from "../mail.ts";
import { stopTracked } from "../processes.ts";
import { type AppProcess, startProcess } from "./cluster.ts";
import { type Balancer, startProxy } from "./proxy.ts";

/**
 * Issue #25, "many app processes": three `--web` and two `--worker` OS processes on one database
 * behind a round-robin balancer, as a scaled-out install runs. What a user would notice if
 * scaling out broke something: events seen only by people on the writing process, jobs run
 * twice or never, acknowledged writes lost with a process, sessions or permissions that differ
 * by which process answers.
 */
const SECRET = "multi-process-test-secret-shared-by-every-process";
const PASSWORD = "multi-process-password-1";
const LOGIN_RATE_LIMIT = 5;

let databaseUrl: string;
let proxy: Balancer;
const web: AppProcess[] = [];
const workers: AppProcess[] = [];
let db: pg.Client;
let admin: TestClient; // API token of the first admin, through the balancer
let second: { token: string; memberId: string };
const hooks: Array<{ event: string; data: Record<string, any> }> = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    hooks.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    res.end("ok");
  });
});

before(async () => {
  databaseUrl = await createTestDatabase();
  proxy = await startProxy();
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const env = {
    databaseUrl,
    publicUrl: proxy.url,
    extra: {
      WEBHOOK_ALLOW_PRIVATE: "true",
      LOGIN_RATE_LIMIT: String(LOGIN_RATE_LIMIT),
      // The balancer is the client's hop; the rate-limit test names its client in X-Forwarded-For.
      TRUST_PROXY: "true",
      EMAIL_ACKNOWLEDGEMENT: "",
    },
  };
  // Sequentially: five cold starts at once on two cores would only make each slower.
  for (let i = 0; i < 3; i++) web.push(await startProcess("web", env));
  for (let i = 0; i < 2; i++) workers.push(await startProcess("worker", env));
  proxy.setBackends(web.map((w) => w.port));

  const cli = (args: string[]) => runCli(databaseUrl, args, 120_000, { AUTH_SECRET: SECRET });
  const made = await cli([
    "admin",
    "create",
    "--email",
    "ada@mp.test",
    "--password",
    PASSWORD,
    "--workspace",
    "MP",
  ]);
  assert.equal(made.status, 0, made.stderr);
  assert.equal((await cli(["admin", "create", "--email", "bo@mp.test", "--password", PASSWORD])).status, 0);
  const token = async (email: string) => {
    const r = await cli(["token", "create", "--email", email, "--name", "multi-process"]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split("\n").at(-1) as string;
  };
  admin = new TestClient(proxy.url, { token: await token("ada@mp.test"), origin: null });
  const members = (await admin.get("/api/v1/members")).body.items as Array<{ id: string; email: string }>;
  second = {
    token: await token("bo@mp.test"),
    memberId: members.find((m) => m.email === "bo@mp.test")?.id as string,
  };
  assert.ok(second.memberId, JSON.stringify(members));
  const hook = await admin.post("/api/v1/webhooks", {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
    events: ["escalation.created"],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});

after(async () => {
  await db?.end();
  await stopTracked();
  await proxy?.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

/** A client that goes through the balancer pinned to one process ("through process B"). */
function via(index: number, client: TestClient): TestClient {
  const pinned = new TestClient(proxy.url, { token: client.token, origin: null });
  const request = pinned.request.bind(pinned);
  pinned.request = (method, path, body, headers = {}) =>
    request(method, path, body, { ...headers, "x-test-backend": String(index) });
  return pinned;
}

/** A signed-in browser's socket, opened through the balancer on one process. */
function socketOn(index: number, headers: Record<string, string>) {
  const ws = new WebSocket(`${proxy.url.replace("http", "ws")}/api/v1/realtime`, {
    headers: { ...headers, origin: proxy.url, "x-test-backend": String(index) },
  });
  const messages: Array<Record<string, any>> = [];
  ws.on("message", (d) => messages.push(JSON.parse(d.toString())));
  ws.on("error", () => {});
  return { ws, messages };
}

async function newCustomer(client: TestClient, name: string): Promise<string> {
  const cu = await client.post("/api/v1/customers", { name, emails: [`${name.replace(/\W/g, "")}@mp.test`] });
  assert.equal(cu.status, 201, JSON.stringify(cu.body));
  return cu.body.id;
}

test("a session made through one process works on every other; the balancer spreads requests", async () => {
  const browser = new TestClient(proxy.url);
  const signedIn = await browser.post("/api/auth/sign-in/email", {
    email: "ada@mp.test",
    password: PASSWORD,
  });
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
  for (let i = 0; i < 3; i++) {
    const pinned = new TestClient(proxy.url);
    const me = await pinned.get("/api/v1/me", {
      cookie: browser.cookieHeader(),
      "x-test-backend": String(i),
    });
    assert.equal(me.status, 200, `process ${i} accepts the session: ${JSON.stringify(me.body)}`);
    assert.equal(me.body.user.email, "ada@mp.test");
  }
  for (let i = 0; i < 6; i++) assert.equal((await admin.get("/api/v1/me")).status, 200);
  assert.ok(
    proxy.served.length === 3 && proxy.served.every((n) => n >= 2),
    `every process served: ${proxy.served}`,
  );
});

test("a case created through process A appears live on a socket connected to process B", async () => {
  const browser = new TestClient(proxy.url);
  await browser.post("/api/auth/sign-in/email", { email: "bo@mp.test", password: PASSWORD });
  const onB = socketOn(1, { cookie: browser.cookieHeader() });
  await eventually(() => onB.messages.find((m) => m.type === "hello"));
  const throughA = via(0, admin);
  const customerId = await newCustomer(throughA, "Live Lena");
  const made = await throughA.post("/api/v1/cases", { customerId, subject: "Made on A", message: "Hello" });
  assert.equal(made.status, 201);
  const event = await eventually(() =>
    onB.messages.find((m) => m.type === "case.created" && m.caseId === made.body.id),
  );
  assert.ok(event);
  onB.ws.close();
});

test("a screen pop (phone webhook) reaches agents connected to every process", async () => {
  const sockets = [0, 1, 2].map((i) => socketOn(i, { authorization: `Bearer ${second.token}` }));
  for (const s of sockets) await eventually(() => s.messages.find((m) => m.type === "hello"));
  const call = await admin.post("/api/v1/calls", { from: "+1 415 555 0123", to: "100" });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  for (const [i, s] of sockets.entries()) {
    const pop = await eventually(() =>
      s.messages.find((m) => m.type === "call.started" && m.callId === call.body.callId),
    );
    assert.ok(pop, `process ${i}'s agent got the pop`);
    s.ws.close();
  }
});

test("jobs run exactly once across two workers: inbound mail, webhook deliveries, a broadcast", async () => {
  const N = 24;
  // Webhooks: one escalation.created delivery per escalation, never two.
  const customerId = await newCustomer(admin, "Hook Hanna");
  const caseIds: string[] = [];
  for (let i = 0; i < N; i++) {
    const c = await admin.post("/api/v1/cases", { customerId, subject: `Hooked ${i}`, message: "x" });
    assert.equal(c.status, 201);
    caseIds.push(c.body.id);
    const e = await admin.post(`/api/v1/cases/${c.body.id}/escalations`, {
      summary: `Esc ${i}`,
      question: "?",
    });
    assert.equal(e.status, 201, JSON.stringify(e.body));
  }
  // Inbound mail: spread over the three web processes' SMTP listeners; workers apply it.
  for (let i = 0; i < N; i++) {
    const raw = `From: Mailer ${i} <mailer${i}@mp.test>\r\nTo: support@localhost\r\nSubject: Mailed ${i}\r\nMessage-ID: <mp-${i}@mp.test>\r\n\r\nBody ${i}\r\n`;
    await sendRaw((web[i % 3] as AppProcess).smtpPort, raw);
  }
  // A broadcast: one problem update to N linked cases, N delivery jobs shared by the workers.
  const members = (await admin.get("/api/v1/members")).body.items as Array<{ id: string; email: string }>;
  const ownerId = members.find((m) => m.email === "ada@mp.test")?.id;
  const problem = (await admin.post("/api/v1/problems", { title: "Error 1013", ownerId })).body;
  const linked = await admin.post(`/api/v1/problems/${problem.id}/cases`, { caseIds });
  assert.equal(linked.status, 200, JSON.stringify(linked.body));
  const body = "A fix is rolling out tonight.";
  const sent = await admin.post(`/api/v1/problems/${problem.id}/updates`, { body });
  assert.equal(sent.status, 202, JSON.stringify(sent.body));

  await eventually(async () => {
    const mailed = await db.query("select count(*)::int as n from cases where subject like 'Mailed %'");
    const finished = (await admin.get(`/api/v1/problems/${problem.id}/updates`)).body.items[0]?.finishedAt;
    const delivered = hooks.filter((h) => h.event === "escalation.created").length;
    return mailed.rows[0].n >= N && finished && delivered >= N ? true : undefined;
  }, 60_000);
  // Anything run twice would show up now, not only at the first count.
  await new Promise((r) => setTimeout(r, 2_000));

  const delivered = hooks.filter((h) => h.event === "escalation.created").map((h) => h.data.caseId);
  assert.equal(delivered.length, N, "no delivery twice");
  assert.deepEqual(new Set(delivered), new Set(caseIds), "one delivery per escalation");
  const mailed = await db.query(
    `select c.subject, count(m.id)::int as messages from cases c join messages m on m.case_id = c.id
      where c.subject like 'Mailed %' group by c.id, c.subject`,
  );
  assert.equal(mailed.rows.length, N, "one case per mail");
  assert.ok(
    mailed.rows.every((r) => r.messages === 1),
    JSON.stringify(mailed.rows.filter((r) => r.messages !== 1)),
  );
  const update = (await admin.get(`/api/v1/problems/${problem.id}/updates`)).body.items[0];
  assert.equal(update.sent + update.skipped, N, JSON.stringify(update));
  assert.equal(update.pending, 0);
  const replies = await db.query(
    "select case_id, count(*)::int as n from messages where body = $1 group by case_id",
    [body],
  );
  assert.equal(replies.rows.length, update.sent);
  assert.ok(
    replies.rows.every((r) => r.n === 1),
    "no case got the update twice",
  );
  assert.ok(update.sent > 0, JSON.stringify(update));
});

test("the sign-in rate limit counts across processes (stored in PostgreSQL, not per process)", async () => {
  const before = [...proxy.served];
  const statuses: number[] = [];
  for (let i = 0; i < LOGIN_RATE_LIMIT + 1; i++) {
    const r = await new TestClient(proxy.url).post(
      "/api/auth/sign-in/email",
      { email: "ada@mp.test", password: "wrong-password-123" },
      { "x-forwarded-for": "203.0.113.77" },
    );
    statuses.push(r.status);
  }
  const spread = proxy.served.filter((n, i) => n > (before[i] ?? 0)).length;
  assert.equal(spread, 3, "the attempts went to all three processes");
  assert.deepEqual(statuses.slice(0, LOGIN_RATE_LIMIT), Array(LOGIN_RATE_LIMIT).fill(401));
  assert.equal(statuses[LOGIN_RATE_LIMIT], 429, `the limit is global: ${statuses}`);
  // Another client (address) is unaffected.
  const other = await new TestClient(proxy.url).post(
    "/api/auth/sign-in/email",
    { email: "ada@mp.test", password: PASSWORD },
    { "x-forwarded-for": "203.0.113.78" },
  );
  assert.equal(other.status, 200);
});

test("a role changed through process A is refused by processes B and C well inside the cache's 5 s TTL", async () => {
  const bo = new TestClient(proxy.url, { token: second.token, origin: null });
  // Warm B's and C's actor caches: they now remember Bo as an admin.
  for (const i of [1, 2]) assert.equal((await via(i, bo).get("/api/v1/webhooks")).status, 200);
  const changed = await via(0, admin).patch(`/api/v1/members/${second.memberId}`, { role: "agent" });
  assert.equal(changed.status, 204, JSON.stringify(changed.body));
  const at = Date.now();
  for (const i of [1, 2]) {
    await eventually(async () =>
      (await via(i, bo).get("/api/v1/webhooks")).status === 403 ? true : undefined,
    );
  }
  const took = Date.now() - at;
  assert.ok(took < 1_500, `refused after ${took} ms: the change notice, not the TTL, cleared the caches`);
});

test("killing one web process (SIGKILL) mid-burst loses no acknowledged create; clients retry the rest", async () => {
  const customerId = await newCustomer(admin, "Burst Bea");
  const TOTAL = 60;
  const acknowledged = new Map<string, string>(); // subject → case id
  let refusedOrCut = 0;
  let killed = false;
  const victim = web[2] as AppProcess;
  const create = async (subject: string) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const r = await admin
        .post("/api/v1/cases", { customerId, subject, message: "burst" })
        .catch(() => ({ status: 0, body: undefined }) as const);
      if (r.status === 201) {
        acknowledged.set(subject, (r.body as { id: string }).id);
        if (acknowledged.size === 10 && !killed) {
          killed = true;
          victim.child.kill("SIGKILL");
        }
        return;
      }
      refusedOrCut++;
    }
  };
  const queue = Array.from({ length: TOTAL }, (_, i) => `Burst ${i}`);
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) await create(s);
    }),
  );
  assert.ok(killed && victim.child.signalCode === "SIGKILL", "a process was killed during the burst");
  assert.equal(acknowledged.size, TOTAL, "with retries, every create was eventually acknowledged");
  const { rows } = await db.query("select id, subject from cases where subject like 'Burst %'");
  const stored = new Set(rows.map((r) => r.id));
  for (const [subject, id] of acknowledged) assert.ok(stored.has(id), `acknowledged ${subject} is stored`);
  // A create cut off after its commit but before its answer is stored and then retried: the API
  // has no idempotency key for cases, so such a retry can leave a duplicate. Report, not hide.
  const duplicates = rows.length - new Set(rows.map((r) => r.subject)).size;
  console.log(
    `burst: ${TOTAL} acknowledged, ${refusedOrCut} failed attempts retried, ${duplicates} duplicates`,
  );
  // The survivors are still ready.
  for (const w of web.slice(0, 2)) {
    assert.equal((await fetch(`http://127.0.0.1:${w.port}/api/health/ready`)).status, 200);
  }
});
