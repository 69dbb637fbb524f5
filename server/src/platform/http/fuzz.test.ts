import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { type FuzzRequest, fuzzRequests, type OpenApiDoc } from "../../../test/openapi-fuzz.ts";

/**
 * Every operation in the OpenAPI document gets hostile input (NUL bytes, lone surrogates, bad
 * cursors, wrong types; see test/openapi-fuzz.ts) as an admin with an API token, and the
 * public ones also as a stranger. None may answer 5xx: bad input is the caller's fault and
 * must be a 4xx that says so. A new route is fuzzed without anyone adding it here.
 */
let server: TestServer;
let admin: TestClient;
let anonymous: TestClient;
let doc: OpenApiDoc;
const ids: Record<string, string> = {};

async function created(res: { status: number; body: any }, what: string): Promise<string> {
  if (res.status >= 300 || typeof res.body?.id !== "string") {
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.id;
}

before(async () => {
  server = await startTestServer();
  const { admin: session } = await setUpWorkspace(server);
  const token = await session.post("/api/v1/tokens", { name: "fuzzer" });
  admin = new TestClient(server.url, { token: token.body.token });
  anonymous = new TestClient(server.url);
  doc = (await anonymous.get("/api/v1/openapi.json")).body;

  // Real ids, so hostile input reaches past the "not found" of each route. The fuzzer's own
  // token and membership are never offered: a route must not be able to lock it out.
  ids.tokens = await created(await admin.post("/api/v1/tokens", { name: "spare" }), "token");
  const { email: agentEmail } = await staffClient(server, "agent");
  const members = await admin.get("/api/v1/members?limit=100");
  ids.members = members.body.items.find((m: { email: string }) => m.email === agentEmail)?.id;
  const customer = await admin.post("/api/v1/customers", {
    name: "Fuzz Target",
    emails: [uniqueEmail("fuzz")],
  });
  ids.customers = await created(customer, "customer");
  ids.identities = customer.body.identities?.[0]?.id;
  ids.cases = await created(
    await admin.post("/api/v1/cases", { customerId: ids.customers, subject: "Fuzzed", message: "Hello" }),
    "case",
  );
  ids.messages = (await admin.get(`/api/v1/cases/${ids.cases}/messages`)).body.items[0]?.id;
  ids.devices = await created(
    await admin.post(`/api/v1/customers/${ids.customers}/devices`, { model: "R1", serial: "FUZZ-1" }),
    "device",
  );
  ids.diagnostics = await created(
    await admin.post("/api/v1/diagnostics", {
      customerId: ids.customers,
      deviceSerial: "FUZZ-1",
      caseId: ids.cases,
      source: "agent",
      data: { wifi: { ssid: "home" } },
    }),
    "snapshot",
  );
  const teams = await admin.post("/api/v1/teams", { name: "Fuzzers" });
  ids.teams = teams.body.items?.[0]?.id;
  ids.escalations = await created(
    await admin.post(`/api/v1/cases/${ids.cases}/escalations`, { summary: "s", question: "q" }),
    "escalation",
  );
});
after(() => server.close());

const GARBAGE_ID = "5d1c0b8e-7f3a-4c2d-8e9f-0a1b2c3d4e5f";
const PARENT: Record<string, string> = { caseId: "cases", deviceId: "devices", identityId: "identities" };

// uuid fields of bodies and queries that name one of the rows above.
const FIELD: Record<string, string> = {
  customerId: "customers",
  customer: "customers",
  caseId: "cases",
  deviceId: "devices",
  teamId: "teams",
  team: "teams",
  snapshotId: "diagnostics",
  against: "diagnostics",
  escalationId: "escalations",
  messageId: "messages",
  sourceCaseId: "cases",
};

/** The id of a real row for a path parameter, from the collection named before it. */
function idFor(path: string, param: string): string {
  if (param === "slug") return "no-such-playbook";
  if (param === "code") return "ABCD-EFGH";
  const segments = path.split("/");
  const at = segments.indexOf(`{${param}}`);
  const collection = PARENT[param] ?? segments[at - 1] ?? "";
  return ids[collection] ?? GARBAGE_ID;
}

async function runAll(requests: FuzzRequest[], client: TestClient, concurrency = 4) {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let r = requests[next++]; r; r = requests[next++]) {
      let status: number;
      let body: unknown;
      try {
        ({ status, body } = await client.request(r.method, r.url, r.body));
      } catch (err) {
        failures.push(`${r.operation} — ${r.what}: request failed (${(err as Error).message})`);
        continue;
      }
      if (status >= 500) {
        failures.push(
          `${r.operation} — ${r.what}: ${status} ${JSON.stringify(body)}\n    ${r.url} ${r.body ?? ""}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

test("no operation answers 5xx to NUL bytes, lone surrogates, bad cursors or wrong types", async (t) => {
  const requests = fuzzRequests(doc, { param: idFor, field: (name) => ids[FIELD[name] ?? ""] });
  const operations = new Set(requests.map((r) => r.operation));
  assert.ok(operations.size >= 100, `only ${operations.size} operations fuzzed`);
  // Grows with the API (about 25 requests per operation); the bound catches a generator gone wild.
  assert.ok(requests.length < 6000, `${requests.length} requests: keep the fuzzer bounded`);
  t.diagnostic(`${requests.length} requests over ${operations.size} operations`);
  const failures = [
    ...(await runAll(requests, admin)),
    ...(await runAll(
      requests.filter((r) => !r.secured),
      anonymous,
    )),
  ];
  assert.equal(failures.length, 0, `${failures.length} requests answered 5xx:\n${failures.join("\n")}`);
});

test("sign-in endpoints (outside the document) refuse NUL and lone surrogates without a 5xx", async () => {
  const failures: string[] = [];
  for (const [path, body] of [
    ["/api/auth/sign-in/email", { email: "a\u0000@example.test", password: "x\u0000" }],
    ["/api/auth/sign-in/email", { email: "\ud800@example.test", password: "pw" }],
    ["/api/auth/sign-in/magic-link", { email: "a\u0000@example.test", callbackURL: "/portal" }],
    ["/api/auth/sign-in/magic-link", { email: "b@example.test", callbackURL: "/\ud800" }],
  ] as const) {
    const res = await anonymous.post(path, body);
    if (res.status >= 500) failures.push(`${path} ${JSON.stringify(body)}: ${res.status}`);
    else assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
  }
  assert.deepEqual(failures, []);
});
