import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runCli } from "../../../test/cli.ts";
import { TestClient } from "../../../test/client.ts";
import { magicLinkFor, PASSWORD, setUpWorkspace, signIn, uniqueEmail } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { HostClient } from "../../../test/host-client.ts";
import { readZip } from "../../../test/zip.ts";

/**
 * One install serving two brands: the operator's workspace (set up first, on PUBLIC_URL) and
 * brand B, created from the CLI on its own host name. Every request finds its workspace by
 * host, and neither brand sees the other's data.
 */
let server: TestServer;
let operator: TestClient;
let brandBId: string;
const B_HOST = "brand-b.localhost";
const bAdminEmail = uniqueEmail("b-admin");

function rapport(...args: string[]) {
  return runCli(server.databaseUrl, args);
}

before(async () => {
  server = await startTestServer();
  operator = (await setUpWorkspace(server, "Acme Audio")).admin;
});
after(() => server.close());

describe("a second workspace on its own host", () => {
  test("the CLI creates it with its first admin and prints its id last; workspace list shows both", async () => {
    const made = await rapport(
      "workspace",
      "create",
      "--name",
      "Brand B",
      "--host",
      "Brand-B.localhost",
      "--admin-email",
      bAdminEmail,
      "--admin-password",
      PASSWORD,
    );
    assert.equal(made.status, 0, made.stderr);
    brandBId = made.stdout.trim().split("\n").at(-1) ?? "";
    assert.match(brandBId, /^[0-9a-f-]{36}$/);
    assert.match(
      made.stdout,
      /http:\/\/brand-b\.localhost:\d+/,
      "the address on PUBLIC_URL's scheme and port",
    );

    const list = await rapport("workspace", "list");
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /Acme Audio {2}\(operator\)/);
    assert.match(list.stdout, new RegExp(`${brandBId} +http://brand-b\\.localhost:\\d+ +Brand B`));

    const taken = await rapport("workspace", "create", "--name", "Again", "--host", B_HOST);
    assert.equal(taken.status, 1);
    assert.match(taken.stderr, /already answers on brand-b\.localhost/);
    const bad = await rapport("workspace", "create", "--name", "Bad", "--host", "https://x.example/");
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--host must be a host name/);
  });

  test("public pages answer by host: B's host shows brand B, any other host the first workspace", async () => {
    const onB = await new HostClient(server.url, B_HOST).get("/api/v1/public/workspace");
    assert.equal(onB.body.name, "Brand B");
    const onA = await new TestClient(server.url).get("/api/v1/public/workspace");
    assert.equal(onA.body.name, "Acme Audio");
    const unknown = await new HostClient(server.url, "nobody.localhost").get("/api/v1/public/workspace");
    assert.equal(unknown.body.name, "Acme Audio");
  });

  test("B's admin signs in on B's host and sees none of A's cases, customers or search results", async () => {
    const customer = await operator.post("/api/v1/customers", {
      name: "Zelda Quartz",
      emails: ["zq@a.example"],
    });
    assert.equal(customer.status, 201);
    const opened = await operator.post("/api/v1/cases", {
      customerId: customer.body.id,
      subject: "Quartzline amplifier hums",
      message: "It hums.",
    });
    assert.equal(opened.status, 201);

    const b = await signIn(new HostClient(server.url, B_HOST), bAdminEmail);
    const me = await b.get("/api/v1/me");
    assert.equal(me.body.workspace.name, "Brand B");
    assert.equal(me.body.role, "admin");
    assert.deepEqual((await b.get("/api/v1/cases")).body.items, []);
    assert.deepEqual((await b.get("/api/v1/customers")).body.items, []);
    const found = await b.get("/api/v1/search?q=Quartz");
    assert.equal(found.status, 200);
    assert.deepEqual([found.body.customers, found.body.cases], [[], []]);
    assert.equal((await b.get(`/api/v1/cases/${opened.body.id}`)).status, 404);
    // A write with B's own Origin passes the CSRF check.
    const own = await b.post("/api/v1/customers", { name: "Brenda B" });
    assert.equal(own.status, 201);
    assert.deepEqual((await operator.get("/api/v1/search?q=Brenda")).body.customers, []);
  });

  test("B's admin cannot list, create or change workspaces", async () => {
    const b = await signIn(new HostClient(server.url, B_HOST), bAdminEmail);
    assert.equal((await b.get("/api/v1/workspaces")).status, 403);
    const create = await b.post("/api/v1/workspaces", { name: "Sneaky", host: "sneaky.localhost" });
    assert.equal(create.status, 403);
    assert.equal((await b.patch(`/api/v1/workspaces/${brandBId}`, { host: "b2.localhost" })).status, 403);
    const listed = await operator.get("/api/v1/workspaces");
    assert.deepEqual(
      listed.body.items.map((w: { name: string }) => w.name),
      ["Acme Audio", "Brand B"],
    );
  });

  test("a customer signing in by link on B's host becomes B's customer, on B's host", async () => {
    const email = uniqueEmail("b-customer");
    const c = new HostClient(server.url, B_HOST);
    const asked = await c.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    const link = new URL(await eventually(() => magicLinkFor(server, email)));
    assert.equal(link.hostname, B_HOST, "the mailed link opens on B's host");
    const opened = await c.get(link.pathname + link.search);
    assert.equal(opened.status, 302, JSON.stringify(opened.body));
    assert.equal(new URL(opened.headers.get("location") ?? "").hostname, B_HOST);
    const me = await c.get("/api/v1/me");
    assert.deepEqual([me.body.role, me.body.workspace.name], ["customer", "Brand B"]);
    const inA = await operator.get(`/api/v1/search?q=${encodeURIComponent(email)}`);
    assert.deepEqual(inA.body.customers, [], "not a customer of A");
  });

  test("the operator's API: 400 naming host for a bad one, 409 for a taken one, then create and rename", async () => {
    const bad = await operator.post("/api/v1/workspaces", { name: "C", host: "not a host!" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "host");
    const taken = await operator.post("/api/v1/workspaces", { name: "C", host: "BRAND-B.localhost" });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.field, "host");
    const noPassword = await operator.post("/api/v1/workspaces", {
      name: "C",
      host: "brand-c.localhost",
      admin: { email: uniqueEmail("c-admin") },
    });
    assert.equal(noPassword.status, 400);
    assert.equal(noPassword.body.error.field, "admin.password");

    const cAdmin = uniqueEmail("c-admin");
    const made = await operator.post("/api/v1/workspaces", {
      name: "Brand C",
      host: "brand-c.localhost",
      admin: { email: cAdmin, password: PASSWORD },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.match(made.body.url, /^http:\/\/brand-c\.localhost:\d+$/);
    const c = await signIn(new HostClient(server.url, "brand-c.localhost"), cAdmin);
    assert.equal((await c.get("/api/v1/me")).body.workspace.name, "Brand C");

    const moved = await operator.patch(`/api/v1/workspaces/${made.body.id}`, {
      name: "Brand C Ltd",
      host: "c.localhost",
    });
    assert.equal(moved.status, 200);
    assert.deepEqual([moved.body.name, moved.body.host], ["Brand C Ltd", "c.localhost"]);
    const onNewHost = await new HostClient(server.url, "c.localhost").get("/api/v1/public/workspace");
    assert.equal(onNewHost.body.name, "Brand C Ltd");
    const clash = await operator.patch(`/api/v1/workspaces/${made.body.id}`, { host: B_HOST });
    assert.equal(clash.status, 409);
  });

  test("an invitation from B links to B's host", async () => {
    const b = await signIn(new HostClient(server.url, B_HOST), bAdminEmail);
    const email = uniqueEmail("b-agent");
    assert.equal((await b.post("/api/v1/invitations", { email, role: "agent" })).status, 201);
    const line = await eventually(() =>
      server.logs.find((l) => l.msg === "invitation link" && l.email === email),
    );
    assert.equal(new URL(String(line.url)).hostname, B_HOST);
  });

  test("an escalation's export links to the case on B's host, where B's engineers sign in", async () => {
    const b = await signIn(new HostClient(server.url, B_HOST), bAdminEmail);
    const cu = await b.post("/api/v1/customers", { name: "Esme Escalate" });
    const opened = await b.post("/api/v1/cases", {
      customerId: cu.body.id,
      subject: "Hums",
      message: "Hum.",
    });
    const e = await b.post(`/api/v1/cases/${opened.body.id}/escalations`, {
      summary: "Hum",
      question: "Why?",
    });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    const token = (await b.post("/api/v1/tokens", { name: "export" })).body.token as string;
    const res = await fetch(`${server.url}/api/v1/escalations/${e.body.id}/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200);
    const files = await readZip(Buffer.from(await res.arrayBuffer()));
    const doc = JSON.parse((files.get("escalation.json") as Buffer).toString("utf8"));
    assert.equal(new URL(doc.case.url).hostname, B_HOST);
  });
});
