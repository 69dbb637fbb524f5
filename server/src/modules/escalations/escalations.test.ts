import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import {
  customerClient,
  otherWorkspace,
  setUpWorkspace,
  staffClient,
  uniqueEmail,
} from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { readZip } from "../../../test/zip.ts";
import { routerPlaybook } from "../playbooks/fixtures.ts";

let server: TestServer;
let agent: TestClient;
let engineer: TestClient;
let engineer2: TestClient;
let other: TestClient;
before(async () => {
  server = await startTestServer();
  await setUpWorkspace(server);
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: engineer } = await staffClient(server, "engineer"));
  ({ client: engineer2 } = await staffClient(server, "engineer"));
  ({ client: other } = await otherWorkspace(server));
});
after(() => server.close());

type Notice = {
  kind: string;
  title: string;
  summary: string | null;
  link: string | null;
  caseId: string | null;
};

const ATTACHMENT = Buffer.from("router log: dns timeout to update.example\n");

/** A customer with a device that sent two snapshots, and a case with an attachment. */
async function caseWithHistory() {
  const email = uniqueEmail("maria");
  const cu = await agent.post("/api/v1/customers", { name: "Maria Gonzalez", emails: [email] });
  assert.equal(cu.status, 201, JSON.stringify(cu.body));
  const opened = await agent.post("/api/v1/cases", {
    customerId: cu.body.id,
    subject: "Error 1013 when updating",
    message: "Both speakers say Error 1013.",
  });
  assert.equal(opened.status, 201);
  const caseId = opened.body.id as string;
  const withFile = await agent.post(`/api/v1/cases/${caseId}/messages`, {
    body: "Router log attached",
    kind: "note",
    attachments: [
      { name: "router.log", contentType: "text/plain", dataBase64: ATTACHMENT.toString("base64") },
    ],
  });
  assert.equal(withFile.status, 201, JSON.stringify(withFile.body));
  const serial = `SW-${Date.now()}`;
  const snaps = [];
  for (const signal of [-52, -71]) {
    const s = await agent.post("/api/v1/diagnostics", {
      customerId: cu.body.id,
      caseId,
      deviceSerial: serial,
      source: "agent",
      data: { wifi: { signal_dbm: signal, psk: "secret-psk" }, error_code: signal < -70 ? 1013 : 0 },
    });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    snaps.push(s.body.id as string);
  }
  return { caseId, customerId: cu.body.id as string, email, snaps, caseNumber: opened.body.number as number };
}

async function escalate(caseId: string) {
  const res = await agent.post(`/api/v1/cases/${caseId}/escalations`, {
    summary: "Error 1013 persists after UPnP was enabled",
    question: "Is the update server refusing this firmware?",
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

const kindsOf = async (client: TestClient, caseId: string) =>
  ((await client.get(`/api/v1/cases/${caseId}/timeline`)).body.items as Array<{ kind: string }>).map(
    (e) => e.kind,
  );

describe("escalating a case", () => {
  test("an agent escalates with a summary and a question; it lands in the engineers' queue and on the timeline", async () => {
    const { caseId, caseNumber } = await caseWithHistory();
    const e = await escalate(caseId);
    assert.equal(e.status, "open");
    assert.equal(e.caseNumber, caseNumber);
    assert.equal(e.assignee, null);
    assert.equal(e.createdBy.name, "Test agent");

    const queue = await engineer.get("/api/v1/escalations");
    assert.equal(queue.status, 200);
    assert.ok(queue.body.items.some((x: { id: string }) => x.id === e.id));
    assert.ok((await kindsOf(agent, caseId)).includes("escalation.created"));
    const onCase = await agent.get(`/api/v1/cases/${caseId}/escalations`);
    assert.deepEqual(
      onCase.body.items.map((x: { id: string }) => x.id),
      [e.id],
    );
  });

  test("bad input names the field; nothing is written", async () => {
    const { caseId } = await caseWithHistory();
    const empty = await agent.post(`/api/v1/cases/${caseId}/escalations`, {
      summary: "  ",
      question: "Why?",
    });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "summary");
    const missing = await agent.post(`/api/v1/cases/${caseId}/escalations`, { summary: "Broken" });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, "question");
    const extra = await agent.post(`/api/v1/cases/${caseId}/escalations`, {
      summary: "a",
      question: "b",
      status: "closed",
    });
    assert.equal(extra.status, 400);
    assert.equal((await agent.get(`/api/v1/cases/${caseId}/escalations`)).body.items.length, 0);
  });

  test("another workspace's case, or an unknown one, is 404; engineers and customers may not escalate", async () => {
    const { caseId, email } = await caseWithHistory();
    const body = { summary: "s", question: "q" };
    assert.equal((await other.post(`/api/v1/cases/${caseId}/escalations`, body)).status, 404);
    assert.equal((await other.get(`/api/v1/cases/${caseId}/escalations`)).status, 404);
    assert.equal(
      (await agent.post("/api/v1/cases/00000000-0000-4000-8000-000000000000/escalations", body)).status,
      404,
    );
    assert.equal((await engineer.post(`/api/v1/cases/${caseId}/escalations`, body)).status, 403);
    const { client: customer } = await customerClient(server, email);
    assert.equal((await customer.post(`/api/v1/cases/${caseId}/escalations`, body)).status, 403);
    const e = await escalate(caseId);
    assert.equal((await other.get(`/api/v1/escalations/${e.id}`)).status, 404);
    assert.equal((await other.get(`/api/v1/escalations/${e.id}/export`)).status, 404);
    assert.ok(
      !(await other.get("/api/v1/escalations")).body.items.some((x: { id: string }) => x.id === e.id),
    );
  });
});

describe("escalating a playbook run", () => {
  /** A case whose playbook run ended in "escalate" (the check saw error 1013). */
  async function escalatedRun(caseId: string, customerId: string) {
    const pb = await agent.post("/api/v1/playbooks", {
      slug: `esc-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      definition: routerPlaybook(),
    });
    assert.equal(pb.status, 201, JSON.stringify(pb.body));
    await agent.post(`/api/v1/playbooks/${pb.body.id}/publish`);
    const run = (await agent.post(`/api/v1/cases/${caseId}/playbook-runs`, { playbookId: pb.body.id })).body;
    await agent.post(`/api/v1/playbook-runs/${run.id}/answer`, { stepId: "lights", choice: 0 });
    const snap = await agent.post("/api/v1/diagnostics", {
      customerId,
      caseId,
      runId: run.id,
      source: "agent",
      data: { error_code: 1013 },
    });
    const done = await agent.post(`/api/v1/playbook-runs/${run.id}/answer`, {
      stepId: "check",
      snapshotId: snap.body.id,
    });
    assert.equal(done.body.status, "escalate", JSON.stringify(done.body));
    return run.id as string;
  }

  test("the case goes on hold with the agent as owner, findings make it open again, and a run is escalated once", async () => {
    const { caseId, customerId } = await caseWithHistory();
    const before = (await agent.get(`/api/v1/cases/${caseId}`)).body;
    assert.equal(before.status, "new");
    assert.equal(before.assignee, null);
    const runId = await escalatedRun(caseId, customerId);

    const body = {
      summary: "The check saw error 1013",
      question: "Is the update server refusing this firmware?",
      runId,
    };
    const first = await agent.post(`/api/v1/cases/${caseId}/escalations`, body);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.runId, runId);
    const held = (await agent.get(`/api/v1/cases/${caseId}`)).body;
    assert.equal(held.status, "on_hold", "waiting on engineering");
    assert.equal(held.assignee?.name, "Test agent");
    const kinds = await kindsOf(agent, caseId);
    assert.ok(kinds.includes("case.status_changed"));
    assert.ok(kinds.includes("case.assigned"));
    const listed = (await agent.get(`/api/v1/cases/${caseId}/escalations`)).body.items;
    assert.equal(listed[0].runId, runId);

    const again = await agent.post(`/api/v1/cases/${caseId}/escalations`, body);
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(again.body.error.field, "runId");
    assert.equal((await agent.get(`/api/v1/cases/${caseId}/escalations`)).body.items.length, 1);

    // A run of another case is not this case's to escalate.
    const elsewhere = await caseWithHistory();
    const foreign = await agent.post(`/api/v1/cases/${elsewhere.caseId}/escalations`, body);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.field, "runId");

    const findings = await engineer.post(`/api/v1/escalations/${first.body.id}/findings`, {
      findings: "The ISP router hijacks DNS.",
    });
    assert.equal(findings.status, 200, JSON.stringify(findings.body));
    assert.equal((await agent.get(`/api/v1/cases/${caseId}`)).body.status, "open", "the agent's turn");
  });
});

describe("what engineers may do", () => {
  test("engineers read the whole record but never reply, change the case or open cases", async () => {
    const { caseId, customerId, snaps } = await caseWithHistory();
    assert.equal((await engineer.get(`/api/v1/cases/${caseId}`)).status, 200);
    assert.equal((await engineer.get(`/api/v1/cases/${caseId}/messages`)).status, 200);
    assert.equal((await engineer.get(`/api/v1/cases/${caseId}/timeline`)).status, 200);
    assert.equal((await engineer.get(`/api/v1/customers/${customerId}`)).status, 200);
    const diff = await engineer.get(`/api/v1/diagnostics/${snaps[1]}/diff`);
    assert.equal(diff.status, 200);
    assert.ok(
      diff.body.changes.some(
        (c: { path: string; delta?: number }) => c.path === "wifi.signal_dbm" && c.delta === -19,
      ),
    );

    const reply = await engineer.post(`/api/v1/cases/${caseId}/messages`, { body: "Hi Maria" });
    assert.equal(reply.status, 403);
    const explicitReply = await engineer.post(`/api/v1/cases/${caseId}/messages`, {
      body: "Hi",
      kind: "reply",
    });
    assert.equal(explicitReply.status, 403);
    assert.equal((await engineer.patch(`/api/v1/cases/${caseId}`, { status: "solved" })).status, 403);
    assert.equal(
      (await engineer.post("/api/v1/cases", { customerId, subject: "x", message: "y" })).status,
      403,
    );
    const messages = (await agent.get(`/api/v1/cases/${caseId}/messages`)).body.items;
    assert.ok(!messages.some((m: { body: string }) => m.body.startsWith("Hi")), "no reply was written");
    const note = await engineer.post(`/api/v1/cases/${caseId}/messages`, {
      body: "Looks like DNS",
      kind: "note",
    });
    assert.equal(note.status, 201, "engineers may still add internal notes on the case");
    const me = await engineer.get("/api/v1/me");
    assert.ok(me.body.permissions.includes("escalations.work"));
    assert.ok(!me.body.permissions.includes("cases.work"));
  });

  test("agents cannot claim, ask for diagnostics or hand back findings; engineers claim once", async () => {
    const { caseId } = await caseWithHistory();
    const e = await escalate(caseId);
    assert.equal((await agent.post(`/api/v1/escalations/${e.id}/claim`)).status, 403);
    assert.equal((await agent.post(`/api/v1/escalations/${e.id}/tasks`, { title: "x" })).status, 403);
    assert.equal((await agent.post(`/api/v1/escalations/${e.id}/findings`, { findings: "x" })).status, 403);
    assert.equal((await agent.post(`/api/v1/escalations/${e.id}/notes`, { body: "x" })).status, 403);

    const claimed = await engineer.post(`/api/v1/escalations/${e.id}/claim`);
    assert.equal(claimed.status, 200);
    assert.equal(claimed.body.assignee.name, "Test engineer");
    assert.equal(
      (await engineer.post(`/api/v1/escalations/${e.id}/claim`)).status,
      200,
      "claiming again is harmless",
    );
    const taken = await engineer2.post(`/api/v1/escalations/${e.id}/claim`);
    assert.equal(taken.status, 409);
    const mine = await engineer.get("/api/v1/escalations?mine=true");
    assert.ok(mine.body.items.some((x: { id: string }) => x.id === e.id));
    const theirs = await engineer2.get("/api/v1/escalations?mine=true");
    assert.ok(!theirs.body.items.some((x: { id: string }) => x.id === e.id));
    assert.ok((await kindsOf(agent, caseId)).includes("escalation.claimed"));
  });
});

describe("working an escalation", () => {
  test("notes, a diagnostic task the agent completes, findings handed back, then closed", async () => {
    const { caseId, email } = await caseWithHistory();
    const e = await escalate(caseId);

    const note = await engineer.post(`/api/v1/escalations/${e.id}/notes`, {
      body: "Firmware 4.2 has a known DNS bug",
    });
    assert.equal(note.status, 201, JSON.stringify(note.body));
    const messages = (await agent.get(`/api/v1/cases/${caseId}/messages`)).body.items;
    assert.ok(
      messages.some((m: { kind: string; body: string }) => m.kind === "note" && m.body.includes("DNS bug")),
    );

    const badTask = await engineer.post(`/api/v1/escalations/${e.id}/tasks`, { title: "" });
    assert.equal(badTask.status, 400);
    assert.equal(badTask.body.error.field, "title");
    const task = await engineer.post(`/api/v1/escalations/${e.id}/tasks`, {
      title: "Send a snapshot right after a reboot",
      detail: "We need the DNS servers the speaker got from DHCP.",
    });
    assert.equal(task.status, 201);
    assert.equal(task.body.status, "open");
    const open = await agent.get(`/api/v1/cases/${caseId}/tasks`);
    assert.deepEqual(
      open.body.items.map((t: { title: string; status: string }) => [t.title, t.status]),
      [["Send a snapshot right after a reboot", "open"]],
    );
    assert.equal((await agent.get(`/api/v1/escalations/${e.id}`)).body.openTasks, 1);
    assert.equal(
      (await engineer.post(`/api/v1/tasks/${task.body.id}/done`)).status,
      403,
      "the agent does it",
    );
    const done = await agent.post(`/api/v1/tasks/${task.body.id}/done`);
    assert.equal(done.status, 200);
    assert.equal(done.body.status, "done");
    assert.equal(done.body.doneBy.name, "Test agent");
    assert.ok(Date.now() - Date.parse(done.body.doneAt) < 60_000);
    assert.equal((await agent.post(`/api/v1/tasks/${task.body.id}/done`)).status, 409);
    assert.equal((await other.post(`/api/v1/tasks/${task.body.id}/done`)).status, 404);

    const empty = await engineer.post(`/api/v1/escalations/${e.id}/findings`, { findings: " " });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "findings");
    const answered = await engineer.post(`/api/v1/escalations/${e.id}/findings`, {
      findings: "The ISP router hijacks DNS. Set DNS to 1.1.1.1 on the speaker.",
    });
    assert.equal(answered.status, 200);
    assert.equal(answered.body.status, "answered");
    assert.equal(answered.body.findingsBy, "Test engineer");
    assert.equal(answered.body.assignee.name, "Test engineer", "answering takes an unclaimed escalation");
    assert.match((await agent.get(`/api/v1/escalations/${e.id}`)).body.findings, /hijacks DNS/);

    const kinds = await kindsOf(agent, caseId);
    for (const k of ["escalation.created", "task.created", "task.done", "escalation.findings"])
      assert.ok(kinds.includes(k), k);

    // Each step also waits in the bell of whoever must act next.
    const bell = async (client: TestClient) =>
      ((await client.get("/api/v1/notifications?limit=50")).body.items as Notice[]).filter((n) =>
        [n.link, n.caseId].some((x) => x?.includes(e.id) || x === caseId),
      );
    for (const eng of [engineer, engineer2]) {
      const asked = (await bell(eng)).find((n) => n.kind === "escalation.created");
      assert.ok(asked, "every engineer hears of the new escalation");
      assert.equal(asked.link, `/app/escalations/${e.id}`);
      assert.match(asked.summary ?? "", /refusing this firmware/);
    }
    const mine = await bell(agent);
    assert.deepEqual(mine.map((n) => n.kind).sort(), ["escalation.findings", "escalation.task"]);
    assert.match(
      mine.find((n) => n.kind === "escalation.task")?.title ?? "",
      /Send a snapshot right after a reboot/,
    );
    assert.match(mine.find((n) => n.kind === "escalation.findings")?.summary ?? "", /hijacks DNS/);
    assert.ok(
      !(await bell(engineer)).some((n) => n.kind !== "escalation.created"),
      "nobody is told of their own act",
    );

    // The customer sees none of it: no notes, no escalation or task events.
    const { client: customer } = await customerClient(server, email);
    const theirs = await kindsOf(customer, caseId);
    assert.ok(theirs.length > 0);
    assert.ok(!theirs.some((k) => k.startsWith("escalation.") || k.startsWith("task.")), theirs.join());
    const theirMessages = (await customer.get(`/api/v1/cases/${caseId}/messages`)).body.items;
    assert.ok(!theirMessages.some((m: { body: string }) => m.body.includes("DNS bug")));
    assert.equal((await customer.get(`/api/v1/cases/${caseId}/tasks`)).status, 403);

    const closed = await agent.post(`/api/v1/escalations/${e.id}/close`);
    assert.equal(closed.status, 200);
    assert.equal(closed.body.status, "closed");
    assert.equal((await engineer.post(`/api/v1/escalations/${e.id}/notes`, { body: "late" })).status, 409);
    assert.ok(
      !(await engineer.get("/api/v1/escalations")).body.items.some((x: { id: string }) => x.id === e.id),
    );
    assert.ok(
      (await engineer.get("/api/v1/escalations?status=closed")).body.items.some(
        (x: { id: string }) => x.id === e.id,
      ),
    );
  });
});

describe("exporting an escalation", () => {
  test("a zip with the JSON record (snapshots, diffs, notes, tasks, timeline) and the case's attachments", async () => {
    const { caseId, snaps, caseNumber } = await caseWithHistory();
    const e = await escalate(caseId);
    await engineer.post(`/api/v1/escalations/${e.id}/notes`, { body: "Checked the CDN logs" });
    await engineer.post(`/api/v1/escalations/${e.id}/tasks`, { title: "Reboot and resend" });

    const res = await fetch(`${server.url}/api/v1/escalations/${e.id}/export`, {
      headers: { authorization: `Bearer ${engineer.token}` },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    assert.match(res.headers.get("content-disposition") ?? "", new RegExp(`escalation-case-${caseNumber}-`));
    const files = await readZip(Buffer.from(await res.arrayBuffer()));
    const doc = JSON.parse((files.get("escalation.json") as Buffer).toString("utf8"));
    assert.equal(doc.escalation.id, e.id);
    assert.equal(doc.case.number, caseNumber);
    assert.equal(doc.customer.name, "Maria Gonzalez");
    assert.equal(doc.customer.identities, undefined, "no contact details leave with the package");
    assert.deepEqual(
      doc.snapshots.map((s: { id: string }) => s.id),
      snaps,
      "snapshots oldest first",
    );
    assert.equal(doc.snapshots[0].data.wifi.psk, "[masked]");
    assert.ok(!JSON.stringify(doc).includes("secret-psk"));
    assert.equal(doc.diffs.length, 1);
    assert.equal(doc.diffs[0].from.id, snaps[0]);
    assert.equal(doc.diffs[0].to.id, snaps[1]);
    assert.ok(doc.diffs[0].changes.some((c: { path: string }) => c.path === "error_code"));
    assert.ok(doc.notes.some((n: { body: string }) => n.body === "Checked the CDN logs"));
    assert.deepEqual(
      doc.tasks.map((t: { title: string }) => t.title),
      ["Reboot and resend"],
    );
    assert.equal(doc.timeline[0].kind, "case.created", "timeline oldest first");
    assert.ok(Array.isArray(doc.playbookRuns));

    assert.equal(doc.attachments.length, 1);
    const attachment = files.get(doc.attachments[0].path);
    assert.ok(attachment, `zip holds ${doc.attachments[0].path}`);
    assert.deepEqual(attachment, ATTACHMENT);
  });
});
