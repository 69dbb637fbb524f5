import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runCli } from "../test/cli.ts";
import { TestClient } from "../test/client.ts";
import { createTestDatabase, dropTestDatabase, startTestServer, type TestServer } from "../test/harness.ts";

/** The CLI as automation uses it: a separate process on the same database as the server. */
let databaseUrl: string;
let server: TestServer;
before(async () => {
  databaseUrl = await createTestDatabase();
  server = await startTestServer({ databaseUrl });
});
after(async () => {
  await server.close();
  await dropTestDatabase(databaseUrl);
});

function rapport(...args: string[]) {
  return runCli(databaseUrl, args);
}

test("--help lists the commands", async () => {
  const r = await rapport("--help");
  assert.equal(r.status, 0);
  for (const cmd of ["admin create", "token create", "demo"]) assert.match(r.stdout, new RegExp(cmd));
});

test("admin create makes the workspace and an admin who can sign in; token create prints a working token last", async () => {
  const created = await rapport(
    "admin",
    "create",
    "--email",
    "Ops@Acme.test",
    "--password",
    "a-long-password-1",
  );
  assert.equal(created.status, 0, created.stderr);
  const client = new TestClient(server.url);
  const signIn = await client.post("/api/auth/sign-in/email", {
    email: "ops@acme.test",
    password: "a-long-password-1",
  });
  assert.equal(signIn.status, 200);

  const t = await rapport("token", "create", "--email", "ops@acme.test", "--name", "deploy bot");
  assert.equal(t.status, 0, t.stderr);
  const token = t.stdout.trim().split("\n").at(-1) ?? "";
  assert.match(token, /^rpt_/);
  const me = await new TestClient(server.url, { token }).get("/api/v1/me");
  assert.equal(me.status, 200);
  assert.equal(me.body.user.email, "ops@acme.test");
  assert.equal(me.body.role, "admin");
});

test("mistakes exit non-zero with a message naming the option, and change nothing", async () => {
  const before = (await server.runtime.ctx.pool.query("select count(*)::int as n from memberships")).rows[0]
    .n;
  const cases: Array<[string[], RegExp]> = [
    [["admin", "create", "--email", "x@acme.test"], /--password/],
    [["admin", "create", "--email", "not-an-email", "--password", "a-long-password-1"], /--email/],
    [["admin", "create", "--email", "y@acme.test", "--password", "short"], /--password/],
    [["admin", "create", "--email", "ops@acme.test", "--password", "a-long-password-1"], /already a member/],
    [["token", "create", "--email", "nobody@acme.test", "--name", "x"], /no active member/],
    [["token", "create", "--email", "ops@acme.test"], /--name/],
    [["launch", "rockets"], /unknown command/],
    [["admin", "create", "--bogus"], /Unknown option/],
  ];
  for (const [args, message] of cases) {
    const r = await rapport(...args);
    assert.notEqual(r.status, 0, args.join(" "));
    assert.match(r.stderr, message, args.join(" "));
  }
  const after = (await server.runtime.ctx.pool.query("select count(*)::int as n from memberships")).rows[0].n;
  assert.equal(after, before);
});

test("demo refuses a database with a real workspace, loads beside it only with --separate, and never touches it", async () => {
  const pool = server.runtime.ctx.pool;
  const acmeMembers = async () =>
    (
      await pool.query(
        'select u.email, m.role from memberships m join auth."user" u on u.id = m.user_id join workspaces w on w.id = m.workspace_id where not w.is_demo order by 1',
      )
    ).rows;
  const membersBefore = await acmeMembers();
  assert.ok(membersBefore.length > 0, "the earlier test made Acme's admin");

  const refused = await rapport("demo");
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /already has a workspace/);
  assert.match(refused.stderr, /--separate/);
  assert.equal((await pool.query("select count(*)::int as n from workspaces")).rows[0].n, 1);
  assert.deepEqual(await acmeMembers(), membersBefore);

  const first = await rapport("demo", "--separate");
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /dana@soundwave\.example/);
  assert.match(first.stdout, /maria@example\.com/);
  assert.match(first.stdout, /demo\.localhost/, "the separate workspace answers on its own host");
  const password = /password (\S+)/.exec(first.stdout)?.[1] ?? "";
  assert.match(password, /^demo-[\w-]{16}$/, "a random password, not a published one");
  assert.deepEqual(await acmeMembers(), membersBefore, "no demo account joined the real workspace");

  const agent = new TestClient(server.url);
  assert.equal(
    (await agent.post("/api/auth/sign-in/email", { email: "dana@soundwave.example", password })).status,
    200,
  );
  const me = (await agent.get("/api/v1/me")).body;
  assert.equal(me.role, "agent");
  assert.equal(me.workspace.name, "Soundwave Audio & Networks");
  const maria = await agent.get("/api/v1/lookup?phone=4155550100");
  assert.equal(maria.body.customer.name, "Maria Gonzalez");
  assert.equal(maria.body.devices.length, 3);
  assert.equal(maria.body.facts.plan, "Soundwave Care Plus");
  assert.ok(maria.body.recentCases.some((c: { subject: string }) => c.subject.includes("Error 1013")));
  const recurring = await agent.get("/api/v1/cases?tag=error-1013&status=all");
  assert.ok(recurring.body.items.length >= 3, "the Error 1013 theme recurs");

  // Acme's own admin sees none of it.
  const acmeToken = await rapport("token", "create", "--email", "ops@acme.test", "--name", "demo check");
  const acme = new TestClient(server.url, { token: acmeToken.stdout.trim().split("\n").at(-1) ?? "" });
  assert.equal((await acme.get("/api/v1/customers?q=maria%40example.com")).body.items.length, 0);

  // Again: nothing doubles, and the demo staff get a new password, so the old one stops working.
  const second = await rapport("demo");
  assert.equal(second.status, 0, second.stderr);
  const newPassword = /password (\S+)/.exec(second.stdout)?.[1] ?? "";
  assert.notEqual(newPassword, password);
  assert.equal(
    (
      await new TestClient(server.url).post("/api/auth/sign-in/email", {
        email: "dana@soundwave.example",
        password,
      })
    ).status,
    401,
  );
  assert.equal(
    (await agent.get("/api/v1/cases?tag=error-1013&status=all")).body.items.length,
    recurring.body.items.length,
  );
  assert.equal((await agent.get("/api/v1/customers?q=maria%40example.com")).body.items.length, 1);

  // One command removes the demo workspace and its accounts, and only those.
  const removed = await rapport("demo", "remove");
  assert.equal(removed.status, 0, removed.stderr);
  assert.match(removed.stdout, /Removed the demo workspace/);
  assert.equal((await pool.query("select count(*)::int as n from workspaces")).rows[0].n, 1);
  assert.equal(
    (await pool.query("select count(*)::int as n from auth.\"user\" where email like '%@soundwave.example'"))
      .rows[0].n,
    0,
  );
  assert.deepEqual(await acmeMembers(), membersBefore);
  assert.equal((await acme.get("/api/v1/me")).status, 200, "the real workspace still works");
});
