import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { assertSilent, importedCase, inPage, type Kit, mapId, newTeam, startKit } from "./extras.testkit.ts";
import { linkIncidents } from "./link-incidents.ts";
import type { ZdTicket } from "./zendesk-types.ts";

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => {
  await kit.server.close();
});

function ticket(id: number, over: Partial<ZdTicket> = {}): ZdTicket {
  return {
    id,
    external_id: null,
    via: { channel: "email" },
    created_at: "2024-02-01T08:00:00Z",
    updated_at: "2024-02-03T08:00:00Z",
    type: "question",
    subject: `Ticket ${id}`,
    description: "It broke",
    priority: "normal",
    status: "open",
    requester_id: 1,
    submitter_id: 1,
    assignee_id: null,
    organization_id: null,
    group_id: null,
    collaborator_ids: [],
    problem_id: null,
    has_incidents: false,
    due_at: null,
    tags: [],
    custom_fields: [],
    satisfaction_rating: null,
    ...over,
  };
}

const link = (tickets: ZdTicket[]) => inPage(kit, (ctx) => linkIncidents(ctx, tickets));

async function problemsOf(caseId: string) {
  const res = await kit.admin.get(`/api/v1/cases/${caseId}/problems`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as Array<{ problemId: string; number: number; title: string; status: string }>;
}

describe("problem and incident tickets → problems with linked cases", () => {
  test("a problem ticket becomes a problem and its incidents' cases link to it, once", async () => {
    const team = await newTeam(kit, "Firmware desk");
    await mapId(kit, "group", 55, team);
    const problemCase = await importedCase(kit, 200);
    const a = await importedCase(kit, 201);
    const b = await importedCase(kit, 202);
    const page = [
      ticket(200, {
        type: "problem",
        subject: "Speakers drop Wi-Fi after 12.2",
        status: "hold",
        group_id: 55,
        has_incidents: true,
      }),
      ticket(201, { type: "incident", problem_id: 200 }),
      ticket(202, { type: "incident", problem_id: 200, status: "solved" }),
    ];
    const out = await link(page);
    assert.deepEqual(out, { created: 1 + 3, updated: 0, skips: [] });
    const [onA] = await problemsOf(a.id);
    assert.equal(onA?.title, "Speakers drop Wi-Fi after 12.2");
    assert.equal(onA?.status, "fix_in_progress");
    assert.equal((await problemsOf(b.id))[0]?.problemId, onA?.problemId);
    assert.equal(
      (await problemsOf(problemCase.id))[0]?.problemId,
      onA?.problemId,
      "the problem ticket's own case",
    );

    const problem = await kit.admin.get(`/api/v1/problems/${onA?.problemId}`);
    assert.equal(problem.status, 200, JSON.stringify(problem.body));
    assert.equal(problem.body.caseCount, 3);
    assert.equal(problem.body.team?.id, team);
    assert.equal(problem.body.createdAt, "2024-02-01T08:00:00.000Z");
    const timeline = await kit.admin.get(`/api/v1/cases/${a.id}/timeline`);
    assert.ok((timeline.body.items as Array<{ kind: string }>).some((e) => e.kind === "problem.linked"));

    const again = await link(page);
    assert.deepEqual(again, { created: 0, updated: 1, skips: [] }, "the same page twice adds nothing");
    const list = await kit.admin.get("/api/v1/problems");
    assert.equal(
      (list.body.items as Array<{ title: string }>).filter(
        (p) => p.title === "Speakers drop Wi-Fi after 12.2",
      ).length,
      1,
    );
    await assertSilent(kit);
  });

  test("an incident that arrives before its problem, even in an earlier run, links when the problem comes", async () => {
    const early = await importedCase(kit, 301);
    assert.equal((await link([ticket(301, { type: "incident", problem_id: 300 })])).created, 0);
    assert.deepEqual(await problemsOf(early.id), [], "nothing to link to yet");

    const later = await importedCase(kit, 302);
    await importedCase(kit, 300);
    const out = await link([
      ticket(302, { type: "incident", problem_id: 300 }),
      ticket(300, { type: "problem", subject: "Battery drains overnight", status: "new" }),
    ]);
    assert.equal(out.created, 1 + 3, "the problem, its own case, the waiting incident and the new one");
    const [p] = await problemsOf(early.id);
    assert.equal(p?.title, "Battery drains overnight");
    assert.equal(p?.status, "investigating");
    assert.equal((await problemsOf(later.id))[0]?.problemId, p?.problemId);
    const waiting = await kit.q("select count(*)::int as n from import_ids where kind = 'pending_incident'");
    assert.equal(waiting.rows[0]?.n, 0, "no wait is left behind");
  });

  test("a delta updates the problem's status and title; deleted and unimported tickets are reported", async () => {
    const c = await importedCase(kit, 401);
    await link([
      ticket(400, { type: "problem", subject: "Remote unpairs" }),
      ticket(401, { problem_id: 400 }),
    ]);
    const out = await link([
      ticket(400, {
        type: "problem",
        subject: "Remote unpairs after update",
        status: "solved",
        updated_at: "2024-03-01T00:00:00Z",
      }),
      ticket(402, { type: "incident", problem_id: 400 }),
      ticket(403, { type: "problem", status: "deleted" }),
    ]);
    assert.equal(out.updated, 1);
    const reasons = Object.fromEntries(out.skips.map((s) => [s.externalId, s.reason]));
    assert.match(reasons["402"] ?? "", /was not imported: not linked/);
    assert.match(reasons["403"] ?? "", /deleted in Zendesk/);
    const [p] = await problemsOf(c.id);
    assert.equal(p?.status, "fixed");
    assert.equal(p?.title, "Remote unpairs after update");
    // The incident is moved to another problem in Zendesk, then detached.
    await link([ticket(410, { type: "problem", subject: "Other" }), ticket(401, { problem_id: 410 })]);
    assert.deepEqual(
      (await problemsOf(c.id)).map((x) => x.title),
      ["Other"],
    );
    await link([ticket(401, { problem_id: null })]);
    assert.deepEqual(await problemsOf(c.id), []);
    const events = await kit.admin.get(`/api/v1/problems/${p?.problemId}/events`);
    assert.equal(events.status, 200, JSON.stringify(events.body));
    assert.ok(
      (events.body.items as Array<{ kind: string; data: { to?: string } }>).some(
        (e) => e.kind === "problem.status_changed" && e.data.to === "fixed",
      ),
    );
  });
});
