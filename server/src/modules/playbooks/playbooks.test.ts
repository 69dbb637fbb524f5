import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { TestClient as TestClientCtor } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { routerPlaybook } from "./fixtures.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
});
after(() => server.close());

let n = 0;
const slug = () => `pb-${Date.now()}-${++n}`;
type Def = ReturnType<typeof routerPlaybook>;
function variant(change: (d: Def) => void): Def {
  const d = routerPlaybook();
  change(d);
  return d;
}
async function invalid(def: unknown, field: string, words: RegExp) {
  const res = await agent.post("/api/v1/playbooks", { slug: slug(), definition: def });
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.error.code, "validation_failed");
  assert.equal(res.body.error.field, field);
  assert.match(res.body.error.message, words);
}
async function published(def: Def = routerPlaybook()) {
  const created = await agent.post("/api/v1/playbooks", { slug: slug(), definition: def });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const pub = await agent.post(`/api/v1/playbooks/${created.body.id}/publish`);
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  return pub.body;
}
async function caseFor(client: TestClient = admin) {
  const c = await client.post("/api/v1/customers", {
    name: "Maria Gonzalez",
    emails: [`m${++n}-${Date.now()}@example.com`],
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const k = await client.post("/api/v1/cases", {
    customerId: c.body.id,
    subject: "Error 1013",
    message: "Help",
  });
  assert.equal(k.status, 201);
  return { customerId: c.body.id as string, caseId: k.body.id as string };
}
async function answer(client: TestClient, run: { id: string }, body: Record<string, unknown>, status = 200) {
  const res = await client.post(`/api/v1/playbook-runs/${run.id}/answer`, body);
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}

describe("validation names the step and the problem", () => {
  test("duplicate step ids", () =>
    invalid(
      variant((d) => {
        (d.steps[4] as { id: string }).id = "move";
      }),
      "definition.steps.4.id",
      /Step "move": another step already has this id/,
    ));
  test("a start step that does not exist", () =>
    invalid(
      variant((d) => (d.start = "nowhere")),
      "definition.start",
      /start step "nowhere" does not exist/,
    ));
  test("a next that points nowhere", () =>
    invalid(
      variant((d) => ((d.steps[1] as { next: string }).next = "ghost")),
      "definition.steps.1.next",
      /Step "restart": next step "ghost" does not exist/,
    ));
  test("a choice that points nowhere", () =>
    invalid(
      variant(
        (d) =>
          ((d.steps[0] as { choices: Array<{ next: string }> }).choices[1] = {
            label: "x",
            next: "nope",
          } as never),
      ),
      "definition.steps.0.choices.1.next",
      /Step "lights": next step "nope"/,
    ));
  test("a malformed condition", () =>
    invalid(
      variant(
        (d) =>
          ((d.steps[2] as { branches: Array<{ when: string }> }).branches[1] = {
            when: "signal << x",
            next: "move",
          } as never),
      ),
      "definition.steps.2.branches.1.when",
      /Step "check": condition "signal << x"/,
    ));
  test("a step nobody can reach", () =>
    invalid(
      variant((d) =>
        d.steps.push({ id: "orphan", kind: "outcome", title: "Orphan", outcome: "resolved" } as never),
      ),
      "definition.steps.6.id",
      /Step "orphan" cannot be reached/,
    ));
  test("a loop without a way out is a dead end", () =>
    invalid(
      variant((d) => {
        d.steps[0] = {
          id: "lights",
          kind: "question",
          title: "Q",
          choices: [
            { label: "a", next: "restart" },
            { label: "b", next: "check" },
          ],
        } as never;
        d.steps[1] = { id: "restart", kind: "instruction", title: "Again", next: "loop" } as never;
        d.steps.push({ id: "loop", kind: "instruction", title: "Loop", next: "restart" } as never);
      }),
      "definition.steps.1.id",
      /Step "restart" is a dead end/,
    ));
  test("a non-outcome step without a next is refused by shape", () =>
    invalid(
      variant((d) => delete (d.steps[1] as { next?: string }).next),
      "definition.steps.1.next",
      /next/,
    ));
  test("sizes are bounded", async () => {
    await invalid(
      variant((d) => ((d.steps[1] as { title: string }).title = "x".repeat(201))),
      "definition.steps.1.title",
      /200/,
    );
    const many = variant((d) => {
      for (let i = 0; i < 100; i++)
        d.steps.push({ id: `s${i}`, kind: "outcome", title: "x", outcome: "resolved" } as never);
    });
    await invalid(many, "definition.steps", /100/);
  });
  test("a valid playbook is saved as draft version 1", async () => {
    const res = await agent.post("/api/v1/playbooks", { slug: slug(), definition: routerPlaybook() });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.draftVersion, 1);
    assert.equal(res.body.publishedVersion, null);
  });
});

describe("versions", () => {
  test("publishing freezes a version; editing after it makes the next draft; a run stays on its version", async () => {
    const pb = await published();
    assert.equal(pb.publishedVersion, 1);
    assert.equal(pb.draftVersion, null);
    const { caseId } = await caseFor();
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    assert.equal(run.version, 1);

    const edited = variant((d) => {
      d.name = "Error 1013 (v2)";
      (d.steps[0] as { title: string }).title = "Look at the router light";
    });
    const saved = await agent.request("PUT", `/api/v1/playbooks/${pb.id}/draft`, { definition: edited });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.draftVersion, 2);
    assert.equal(saved.body.published.definition.name, "Error 1013", "the published version did not change");
    assert.equal((await agent.post(`/api/v1/playbooks/${pb.id}/publish`)).body.publishedVersion, 2);

    // The old run still follows version 1's wording and graph.
    const again = await agent.get(`/api/v1/playbook-runs/${run.id}`);
    assert.equal(again.body.version, 1);
    assert.equal(again.body.current.title, "Is the light on the router green?");
    const next = await answer(agent, run, { stepId: "lights", choice: 1 });
    assert.equal(next.current.id, "restart");
    // A new run follows version 2.
    const run2 = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    assert.equal(run2.version, 2);
    assert.equal(run2.current.title, "Look at the router light");
    // Nothing left to publish.
    assert.equal((await agent.post(`/api/v1/playbooks/${pb.id}/publish`)).status, 409);
  });
});

describe("YAML", () => {
  test("export and import round trip; import with the same slug makes a new draft", async () => {
    const pb = await published();
    const exp = await agent.get(`/api/v1/playbooks/${pb.id}/export`);
    assert.equal(exp.status, 200);
    assert.match(exp.body.yaml, /kind: check/);
    assert.match(exp.body.yaml, new RegExp(`slug: ${pb.slug}`));
    const back = await agent.post("/api/v1/playbooks/import", {
      yaml: exp.body.yaml.replace("Error 1013", "Error 1013 imported"),
    });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.id, pb.id);
    assert.equal(back.body.draftVersion, 2);
    assert.equal(back.body.draft.definition.name, "Error 1013 imported");
    assert.deepEqual(back.body.draft.definition.steps, pb.published.definition.steps);

    const fresh = await agent.post("/api/v1/playbooks/import", {
      yaml: exp.body.yaml.replace(`slug: ${pb.slug}`, `slug: ${pb.slug}-copy`),
    });
    assert.equal(fresh.status, 200);
    assert.notEqual(fresh.body.id, pb.id);
  });

  test("hostile or broken YAML is refused with a 4xx naming the problem", async () => {
    const bomb = [
      "a: &a [x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b]",
      "slug: bomb",
      "name: x",
    ].join("\n");
    const r1 = await agent.post("/api/v1/playbooks/import", { yaml: bomb });
    assert.equal(r1.status, 400);
    assert.match(r1.body.error.message, /anchors and aliases/);
    const deep = `slug: deep\nname: ${"[".repeat(40)}${"]".repeat(40)}`;
    const r2 = await agent.post("/api/v1/playbooks/import", { yaml: deep });
    assert.equal(r2.status, 400);
    assert.match(r2.body.error.message, /deeper/);
    const big = await agent.post("/api/v1/playbooks/import", {
      yaml: `slug: big\nname: "${"x".repeat(210_000)}"`,
    });
    assert.equal(big.status, 400);
    assert.equal(big.body.error.field, "yaml");
    const broken = await agent.post("/api/v1/playbooks/import", { yaml: "slug: [unclosed" });
    assert.equal(broken.status, 400);
    assert.match(broken.body.error.message, /not valid YAML/);
    const badGraph = await agent.post("/api/v1/playbooks/import", {
      yaml: "slug: bad\nname: Bad\ntopics: []\nstart: a\nsteps:\n  - {id: a, kind: instruction, title: A, next: b}\n",
    });
    assert.equal(badGraph.status, 400);
    assert.equal(badGraph.body.error.field, "steps.0.next");
    assert.match(badGraph.body.error.message, /Step "a": next step "b" does not exist/);
  });
});

describe("runs in a case", () => {
  test("every step, answer and the outcome land on the case timeline; a check branches on the snapshot", async () => {
    const pb = await published();
    const { customerId, caseId } = await caseFor();
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    assert.equal(run.status, "open");
    assert.equal(run.current.id, "lights");
    await answer(agent, run, { stepId: "lights", choice: 5 }, 400);
    const atCheck = await answer(agent, run, { stepId: "lights", choice: 0 });
    assert.equal(atCheck.current.kind, "check");
    // A stale answer (another agent already moved on) is refused.
    await answer(agent, run, { stepId: "lights", choice: 0 }, 409);

    // The device sends a snapshot that has weak signal but no error code → "move".
    const snap = await agent.post("/api/v1/diagnostics", {
      customerId,
      caseId,
      deviceSerial: `SN-${Date.now()}`,
      source: "device",
      data: { error_code: 0, wifi: { signal_dbm: -78 } },
    });
    assert.equal(snap.status, 201, JSON.stringify(snap.body));
    const picker = await agent.get(`/api/v1/playbook-runs/${run.id}/snapshots`);
    assert.equal(picker.body.items[0].id, snap.body.id);
    const done = await answer(agent, run, { stepId: "check", snapshotId: snap.body.id });
    assert.equal(done.status, "resolved");
    assert.equal(done.current, null);
    assert.deepEqual(
      done.steps.map((s: { stepId: string; answer: string | null }) => [s.stepId, s.answer]),
      [
        ["lights", "Yes, green"],
        ["check", "wifi.signal_dbm < -70"],
        ["move", null],
      ],
    );
    assert.equal(done.steps[1].snapshotId, snap.body.id);
    assert.equal(done.steps[2].outcome, "resolved");

    const timeline = (await agent.get(`/api/v1/cases/${caseId}/timeline?limit=50`)).body.items.filter(
      (e: { kind: string }) => e.kind.startsWith("playbook."),
    );
    assert.deepEqual(
      timeline
        .reverse()
        .map((e: { kind: string; data: { stepId?: string } }) => `${e.kind}:${e.data.stepId ?? ""}`),
      [
        "playbook.started:",
        "playbook.step:lights",
        "playbook.answer:lights",
        "playbook.step:check",
        "playbook.answer:check",
        "playbook.step:move",
        "playbook.outcome:move",
      ],
    );

    // The read API for escalations.
    const list = await agent.get(`/api/v1/cases/${caseId}/playbook-runs`);
    assert.equal(list.status, 200);
    assert.equal(list.body.items[0].playbookName, "Error 1013");
    assert.equal(list.body.items[0].steps.length, 3);
    const { client: engineer } = await staffClient(server, "engineer");
    assert.equal(
      (await engineer.get(`/api/v1/cases/${caseId}/playbook-runs`)).status,
      200,
      "engineers read runs",
    );
  });

  test("error 1013 in the snapshot escalates; the outcome shows on the case; another agent can continue an open run", async () => {
    const pb = await published();
    const { customerId, caseId } = await caseFor();
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    await answer(agent, run, { stepId: "lights", choice: 1 });
    // A second agent picks up the open run where the first left it.
    const { client: second } = await staffClient(server, "agent");
    const open = (await second.get(`/api/v1/cases/${caseId}/playbook-runs`)).body.items[0];
    assert.equal(open.status, "open");
    assert.equal(open.current.id, "restart");
    await answer(second, open, { stepId: "restart" });
    const snap = await admin.post("/api/v1/diagnostics", {
      customerId,
      caseId,
      source: "agent",
      data: { error_code: "1013" },
    });
    const done = await answer(second, open, { stepId: "check", snapshotId: snap.body.id });
    assert.equal(done.status, "escalate");
    assert.equal(done.steps.at(-1).outcome, "escalate");
    assert.equal(done.steps[1].by, "Test agent");
    const outcome = (await agent.get(`/api/v1/cases/${caseId}/timeline`)).body.items.find(
      (e: { kind: string }) => e.kind === "playbook.outcome",
    );
    assert.equal(outcome.data.outcome, "escalate");
  });

  test("a snapshot of another customer cannot steer a check", async () => {
    const pb = await published();
    const { caseId } = await caseFor();
    const other = await caseFor();
    const snap = await admin.post("/api/v1/diagnostics", {
      customerId: other.customerId,
      source: "agent",
      data: { error_code: 1013 },
    });
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    await answer(agent, run, { stepId: "lights", choice: 0 });
    const res = await answer(agent, run, { stepId: "check", snapshotId: snap.body.id }, 400);
    assert.equal(res.error.field, "snapshotId");
  });

  test("an unpublished playbook cannot be run", async () => {
    const created = await agent.post("/api/v1/playbooks", { slug: slug(), definition: routerPlaybook() });
    const { caseId } = await caseFor();
    const res = await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: created.body.id });
    assert.equal(res.status, 409);
  });
});

describe("portal self-service", () => {
  test("a customer finds a guide by topic, and an unresolved run opens a case carrying the run", async () => {
    const pb = await published(variant((d) => (d.topics = ["error 1013", `topic${n}`])));
    const { client: customer } = await customerClient(server);
    const suggested = await customer.get(
      `/api/v1/portal/playbooks?topic=${encodeURIComponent("App shows Error 1013 again")}`,
    );
    assert.ok(suggested.body.items.some((p: { slug: string }) => p.slug === pb.slug));
    const none = await customer.get(
      `/api/v1/portal/playbooks?topic=${encodeURIComponent("invoice question")}`,
    );
    assert.ok(!none.body.items.some((p: { slug: string }) => p.slug === pb.slug));

    const started = await customer.post(`/api/v1/portal/playbooks/${pb.slug}/runs`, {});
    assert.equal(started.status, 201, JSON.stringify(started.body));
    assert.equal(started.body.mode, "self_service");
    assert.equal(started.body.caseId, null);
    await answer(customer, started.body, { stepId: "lights", choice: 1 });
    await answer(customer, started.body, { stepId: "restart" });
    // The customer's device sends a snapshot with the run's one-time code from the portal.
    const code = await customer.post("/api/v1/portal/diagnostic-code", { runId: started.body.id });
    const snap = await customer.post(`/api/v1/diagnostics/by-code/${code.body.code}`, {
      source: "app",
      data: { error_code: 1013 },
    });
    assert.equal(snap.status, 201);
    const picker = await customer.get(`/api/v1/playbook-runs/${started.body.id}/snapshots`);
    assert.equal(picker.body.items[0].id, snap.body.id);
    const done = await answer(customer, started.body, { stepId: "check", snapshotId: snap.body.id });
    assert.equal(done.status, "escalate");
    assert.ok(done.caseId, "a case was opened");

    // The case carries the whole run: the transcript message and every step on its timeline.
    const kase = await customer.get(`/api/v1/cases/${done.caseId}`);
    assert.equal(kase.status, 200);
    assert.match(kase.body.subject, /Error 1013/);
    const messages = await agent.get(`/api/v1/cases/${done.caseId}/messages`);
    const first = messages.body.items[0].body as string;
    assert.match(first, /Is the light on the router green\? — No, red or off/);
    assert.match(first, /Hand over to engineering → escalate/);
    const kinds = (await agent.get(`/api/v1/cases/${done.caseId}/timeline?limit=50`)).body.items.map(
      (e: { kind: string }) => e.kind,
    );
    for (const k of [
      "playbook.started",
      "playbook.step",
      "playbook.answer",
      "playbook.outcome",
      "case.created",
      "diagnostic.captured",
    ]) {
      assert.ok(kinds.includes(k), k);
    }
    const runs = (await agent.get(`/api/v1/cases/${done.caseId}/playbook-runs`)).body.items;
    assert.equal(runs.length, 1);
    assert.equal(runs[0].steps.length, 4);
    // The snapshot the check branched on now belongs to the case, for the engineer to read.
    const snapshot = await agent.get(`/api/v1/diagnostics/${snap.body.id}`);
    assert.equal(snapshot.body.caseId, done.caseId);
  });

  test("a run offers only the snapshots sent for it, and files the one sent with its code on the run, then on its case", async () => {
    const pb = await published();
    const maria = await customerClient(server);
    const customer = maria.client;
    const customerId = (await admin.get(`/api/v1/lookup?email=${encodeURIComponent(maria.email)}`)).body
      .customer.id as string;
    // Maria already has an open request, and a snapshot an agent took on it minutes ago.
    const unrelated = await admin.post("/api/v1/cases", {
      customerId,
      subject: "Invoice question",
      message: "Why was I charged twice?",
    });
    const older = await admin.post("/api/v1/diagnostics", {
      customerId,
      caseId: unrelated.body.id,
      source: "agent",
      data: { error_code: 0 },
    });
    assert.equal(older.status, 201, JSON.stringify(older.body));

    const run = (await customer.post(`/api/v1/portal/playbooks/${pb.slug}/runs`, {})).body;
    await answer(customer, run, { stepId: "lights", choice: 0 });
    const before = await customer.get(`/api/v1/playbook-runs/${run.id}/snapshots`);
    assert.deepEqual(before.body.items, [], "nothing sent for this run yet");
    const stale = await answer(customer, run, { stepId: "check", snapshotId: older.body.id }, 400);
    assert.equal(stale.error.field, "snapshotId");

    // The app sends a snapshot with the run's code: it belongs to the run, not to the invoice request.
    const code = await customer.post("/api/v1/portal/diagnostic-code", { runId: run.id });
    assert.equal(code.status, 201, JSON.stringify(code.body));
    const snap = await customer.post(`/api/v1/diagnostics/by-code/${code.body.code}`, {
      source: "app",
      data: { error_code: 1013, wifi: { psk: "hunter2" } },
    });
    assert.equal(snap.status, 201, JSON.stringify(snap.body));
    assert.equal(snap.body.caseId, null, "not filed on the unrelated open request");
    assert.equal(snap.body.runId, run.id);
    const picker = await customer.get(`/api/v1/playbook-runs/${run.id}/snapshots`);
    assert.deepEqual(
      picker.body.items.map((i: { id: string }) => i.id),
      [snap.body.id],
    );
    assert.equal((await admin.get(`/api/v1/cases/${unrelated.body.id}/diagnostics`)).body.items.length, 1);

    // The run escalates and opens its own case; the snapshot moves there with it.
    const done = await answer(customer, run, { stepId: "check", snapshotId: snap.body.id });
    assert.equal(done.status, "escalate");
    assert.notEqual(done.caseId, unrelated.body.id);
    const whole = await customer.get(`/api/v1/diagnostics/${snap.body.id}`);
    assert.equal(whole.body.caseId, done.caseId);
    assert.deepEqual(whole.body.data, { error_code: 1013, wifi: { psk: "[masked]" } });

    // The portal issues codes for the customer's own guides only, not for an agent's run.
    const agentRun = (
      await agent.post(`/api/v1/cases/${unrelated.body.id}/playbook-runs`, { playbookId: pb.id })
    ).body;
    const foreign = await customer.post("/api/v1/portal/diagnostic-code", { runId: agentRun.id });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.field, "runId");
  });

  test("a snapshot sent with the code of a run on a case is filed on that case", async () => {
    const pb = await published();
    const { customerId, caseId } = await caseFor();
    // A newer request of the same customer is the "most recently active" one.
    const newer = await admin.post("/api/v1/cases", { customerId, subject: "Another thing", message: "Hi" });
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    const code = await agent.post("/api/v1/diagnostics/codes", { customerId, runId: run.id });
    assert.equal(code.status, 201, JSON.stringify(code.body));
    const snap = await new TestClientCtor(server.url).post(`/api/v1/diagnostics/by-code/${code.body.code}`, {
      source: "device",
      data: { error_code: 0 },
    });
    assert.equal(snap.status, 201, JSON.stringify(snap.body));
    assert.equal(snap.body.caseId, caseId);
    assert.notEqual(snap.body.caseId, newer.body.id);
    const other = await caseFor();
    const wrong = await agent.post("/api/v1/diagnostics/codes", {
      customerId: other.customerId,
      runId: run.id,
    });
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body.error.field, "runId");
  });

  test("a customer who stops a guide gets a case carrying the run so far", async () => {
    const pb = await published();
    const { client: customer } = await customerClient(server);
    const run = (await customer.post(`/api/v1/portal/playbooks/${pb.slug}/runs`, {})).body;
    await answer(customer, run, { stepId: "lights", choice: 1 });
    const stopped = await customer.post(`/api/v1/playbook-runs/${run.id}/abandon`, {});
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    assert.equal(stopped.body.status, "abandoned");
    assert.ok(stopped.body.caseId);
    const first = (await customer.get(`/api/v1/cases/${stopped.body.caseId}/messages`)).body.items[0].body;
    assert.match(first, /1\. Is the light on the router green\? — No, red or off/);
    assert.match(first, /2\. Unplug the router for 30 seconds, then plug it back in \(stopped here\)/);
  });

  test("a resolved self-service run opens no case; customers cannot touch agent runs or drafts", async () => {
    const pb = await published();
    const { client: customer } = await customerClient(server);
    const run = (await customer.post(`/api/v1/portal/playbooks/${pb.slug}/runs`, {})).body;
    await answer(customer, run, { stepId: "lights", choice: 0 });
    const code = await customer.post("/api/v1/portal/diagnostic-code", { runId: run.id });
    const snap = await customer.post(`/api/v1/diagnostics/by-code/${code.body.code}`, {
      source: "app",
      data: { error_code: 0 },
    });
    const done = await answer(customer, run, { stepId: "check", snapshotId: snap.body.id });
    assert.equal(done.status, "resolved");
    assert.equal(done.caseId, null);

    const { caseId } = await caseFor();
    const agentRun = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    assert.equal((await customer.get(`/api/v1/playbook-runs/${agentRun.id}`)).status, 404);
    assert.equal(
      (await customer.post(`/api/v1/playbook-runs/${agentRun.id}/answer`, { stepId: "lights", choice: 0 }))
        .status,
      404,
    );
    assert.equal((await customer.get(`/api/v1/playbooks/${pb.id}`)).status, 403);
    assert.equal(
      (await customer.post("/api/v1/playbooks", { slug: slug(), definition: routerPlaybook() })).status,
      403,
    );
    const draftOnly = await agent.post("/api/v1/playbooks", { slug: slug(), definition: routerPlaybook() });
    assert.equal((await customer.get(`/api/v1/portal/playbooks/${draftOnly.body.slug}`)).status, 404);
    const { client: other } = await customerClient(server);
    assert.equal((await other.get(`/api/v1/playbook-runs/${run.id}`)).status, 404, "another customer's run");
  });
});

describe("analytics", () => {
  test("runs, shares of resolved / escalated / abandoned, and the step where runs are abandoned most", async () => {
    const pb = await published();
    const { customerId, caseId } = await caseFor();
    const start = async () =>
      (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    const snapOk = await admin.post("/api/v1/diagnostics", {
      customerId,
      caseId,
      source: "agent",
      data: { error_code: 0 },
    });
    const snap1013 = await admin.post("/api/v1/diagnostics", {
      customerId,
      caseId,
      source: "agent",
      data: { error_code: 1013 },
    });
    // 1 resolved
    const r1 = await start();
    await answer(agent, r1, { stepId: "lights", choice: 0 });
    await answer(agent, r1, { stepId: "check", snapshotId: snapOk.body.id });
    // 1 escalated
    const r2 = await start();
    await answer(agent, r2, { stepId: "lights", choice: 0 });
    await answer(agent, r2, { stepId: "check", snapshotId: snap1013.body.id });
    // 2 abandoned at "restart", 1 at "lights"
    for (let i = 0; i < 2; i++) {
      const r = await start();
      await answer(agent, r, { stepId: "lights", choice: 1 });
      const a = await agent.post(`/api/v1/playbook-runs/${r.id}/abandon`, { reason: "Customer hung up" });
      assert.equal(a.status, 200);
      assert.equal(a.body.status, "abandoned");
    }
    const r5 = await start();
    await agent.post(`/api/v1/playbook-runs/${r5.id}/abandon`, {});
    assert.equal((await agent.post(`/api/v1/playbook-runs/${r5.id}/abandon`, {})).status, 409);
    // 1 idle for two days counts as abandoned (at "lights").
    const r6 = await start();
    await server.runtime.ctx.db
      .updateTable("playbook_runs")
      .set({ last_activity_at: new Date(Date.now() - 2 * 86_400_000) })
      .where("id", "=", r6.id)
      .execute();
    // 1 still open and fresh.
    await start();

    const a = await agent.get(`/api/v1/playbooks/${pb.id}/analytics`);
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body.runs, 7);
    assert.equal(a.body.resolved, 1);
    assert.equal(a.body.escalated, 1);
    assert.equal(a.body.abandoned, 4);
    assert.equal(a.body.open, 1);
    assert.equal(a.body.shares.abandoned, Math.round((4 / 7) * 1000) / 1000);
    // "restart" (2) ties with "lights" (2: one explicit, one idle): ties go by id, so look at counts.
    assert.equal(a.body.mostAbandonedStep.count, 2);
    assert.ok(["lights", "restart"].includes(a.body.mostAbandonedStep.stepId));
  });
});

describe("tenancy and auth", () => {
  test("another workspace can neither see nor run a playbook", async () => {
    const pb = await published();
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.get(`/api/v1/playbooks/${pb.id}`)).status, 404);
    assert.equal((await other.get(`/api/v1/playbooks/${pb.id}/analytics`)).status, 404);
    assert.ok(!(await other.get("/api/v1/playbooks")).body.items.some((p: { id: string }) => p.id === pb.id));
    const { caseId } = await caseFor();
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    assert.equal((await other.get(`/api/v1/playbook-runs/${run.id}`)).status, 404);
    assert.equal(
      (await other.post(`/api/v1/playbook-runs/${run.id}/answer`, { stepId: "lights", choice: 0 })).status,
      404,
    );
    assert.equal((await other.get(`/api/v1/cases/${caseId}/playbook-runs`)).status, 404);
    const own = await caseFor(other);
    assert.equal(
      (await other.post(`/api/v1/cases/${own.caseId}/playbook-runs`, { playbookId: pb.id })).status,
      404,
    );
  });

  test("engineers read runs but do not author or drive them", async () => {
    const pb = await published();
    const { caseId } = await caseFor();
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.id })).body;
    const { client: engineer } = await staffClient(server, "engineer");
    assert.equal(
      (await engineer.post("/api/v1/playbooks", { slug: slug(), definition: routerPlaybook() })).status,
      403,
    );
    assert.equal((await engineer.get(`/api/v1/playbook-runs/${run.id}`)).status, 200);
    assert.equal(
      (await engineer.post(`/api/v1/playbook-runs/${run.id}/answer`, { stepId: "lights", choice: 0 })).status,
      403,
    );
  });
});
