import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { customerClient } from "../../../test/factories.ts";
import { eventually } from "../../../test/harness.ts";
import { sendRaw } from "../../../test/mail.ts";
import {
  newAgent,
  newCustomer,
  newDesk,
  newRule,
  newTeam,
  openCase,
  type RoutingWorld,
  routedEvent,
  startRoutingWorld,
} from "./routing.testkit.ts";

let w: RoutingWorld;
before(async () => {
  w = await startRoutingWorld();
});
after(() => w.server.close());

describe("routing rules", () => {
  test("round robin gives each available agent of the team a case in turn", async () => {
    const { agents, teamId, rule, customer } = await newDesk(w, {
      name: "Round robin desk",
      agents: 3,
      tag: "rr",
      strategy: "round_robin",
    });
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await openCase(w, customer, { tags: ["rr"] });
      assert.equal(c.team?.id, teamId);
      got.push(c.assignee?.id ?? "none");
    }
    for (const a of agents) assert.equal(got.filter((g) => g === a.id).length, 2, `${a.name} got two of six`);
    assert.deepEqual(got.slice(3), got.slice(0, 3), "the turn comes round in the same order");
    const c = await openCase(w, customer, { tags: ["rr"] });
    const ev = await routedEvent(w, c.id);
    assert.equal(ev?.data.reason, "rule");
    assert.equal(ev?.data.ruleId, rule.id);
    assert.match(ev?.data.detail ?? "", /Rule ".*": team Round robin desk, assigned to .* \(round robin\)/);
  });

  test("simultaneous new cases never take an agent past capacity", async () => {
    const {
      agents: [x, y],
      teamId,
      customer,
    } = await newDesk(w, {
      name: "Busy morning desk",
      agents: 2,
      tag: "rush",
      strategy: "least_loaded",
      capacity: 2,
    });
    // Six at once for four free places: without the team's lock two could read the same load.
    const cases = await Promise.all(
      Array.from({ length: 6 }, () => openCase(w, customer, { tags: ["rush"] })),
    );
    const per = (id: string) => cases.filter((c) => c.assignee?.id === id).length;
    assert.equal(per(x.id), 2, "x has exactly its two places");
    assert.equal(per(y.id), 2, "y has exactly its two places");
    assert.equal(
      cases.filter((c) => c.assignee === null && c.team?.id === teamId).length,
      2,
      "the rest wait in the queue",
    );
  });

  test("least loaded picks the agent with the fewest open cases and never goes over capacity", async () => {
    const {
      agents: [x, y],
      teamId,
      customer,
    } = await newDesk(w, { name: "Least loaded desk", agents: 2, tag: "ll", strategy: "least_loaded" });
    const set = await w.admin.put("/api/v1/routing-settings", {
      members: { [x.id]: { capacity: 1 }, [y.id]: { capacity: 2 } },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.agents.find((a: { id: string }) => a.id === x.id).capacity, 1);
    const first = await openCase(w, customer, { tags: ["ll"] });
    const second = await openCase(w, customer, { tags: ["ll"] });
    assert.notEqual(first.assignee?.id, second.assignee?.id, "the second goes to the one with nothing open");
    const third = await openCase(w, customer, { tags: ["ll"] });
    assert.equal(third.assignee?.id, y.id, "x is full at one open case");
    const fourth = await openCase(w, customer, { tags: ["ll"] });
    assert.equal(fourth.assignee, null, "everyone is at capacity: the case waits in the team's queue");
    assert.equal(fourth.team?.id, teamId);
    assert.match((await routedEvent(w, fourth.id))?.data.detail ?? "", /no agent of the team is available/);
    // Solving a case frees a place.
    const solved = await w.admin.patch(`/api/v1/cases/${third.id}`, { status: "solved" });
    assert.equal(solved.status, 200, JSON.stringify(solved.body));
    const fifth = await openCase(w, customer, { tags: ["ll"] });
    assert.equal(fifth.assignee?.id, y.id, "y has a free place again");
  });

  test("each agent's open-case count (kept by the database) agrees with their open cases through every kind of change", async () => {
    const [x, y] = [await newAgent(w), await newAgent(w)];
    const customer = await newCustomer(w);
    const db = w.server.runtime.ctx.db;
    const counted = async (id: string) =>
      (
        await db
          .selectFrom("agent_open_loads")
          .select("open")
          .where("membership_id", "=", id)
          .executeTakeFirst()
      )?.open ?? 0;
    const actual = async (id: string) =>
      Number(
        (
          await db
            .selectFrom("cases")
            .select((e) => e.fn.countAll().as("n"))
            .where("assignee_id", "=", id)
            .where("status", "in", ["new", "open", "pending", "on_hold"])
            .executeTakeFirstOrThrow()
        ).n,
      );
    const agree = async (expected: [number, number], step: string) => {
      assert.deepEqual([await counted(x.id), await counted(y.id)], expected, step);
      assert.deepEqual([await actual(x.id), await actual(y.id)], expected, `${step} (the cases themselves)`);
    };
    const a = await openCase(w, customer, { assigneeId: x.id });
    const b = await openCase(w, customer, { assigneeId: x.id });
    const c = await openCase(w, customer, { assigneeId: y.id });
    await agree([2, 1], "created assigned");
    await w.admin.patch(`/api/v1/cases/${c.id}`, { status: "pending" });
    await agree([2, 1], "pending is still open");
    await w.admin.patch(`/api/v1/cases/${a.id}`, { assigneeId: y.id });
    await agree([1, 2], "reassigned");
    await w.admin.patch(`/api/v1/cases/${c.id}`, { status: "solved" });
    await agree([1, 1], "solved");
    await w.admin.patch(`/api/v1/cases/${c.id}`, { status: "open" });
    await agree([1, 2], "reopened");
    const bulk = await w.admin.post("/api/v1/cases/bulk", {
      caseIds: [a.id, c.id],
      set: { assigneeId: x.id },
    });
    assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
    await agree([3, 0], "bulk reassigned");
    await w.admin.patch(`/api/v1/cases/${b.id}`, { assigneeId: null });
    await agree([2, 0], "unassigned");
    await db.deleteFrom("cases").where("id", "in", [a.id, b.id, c.id]).execute();
    await agree([0, 0], "deleted");
  });

  test("an emailed case is routed by the rules like any other, without going over capacity", async () => {
    const [x] = [await newAgent(w)];
    const teamId = await newTeam(w, "Email desk", [x]);
    await w.admin.put("/api/v1/routing-settings", { members: { [x.id]: { capacity: 1 } } });
    await newRule(w, { conditions: { channel: "email" }, teamId, strategy: "least_loaded" });
    const mailCase = async (subject: string) => {
      await sendRaw(
        w.server.runtime.ctx.config.smtpPort,
        `From: Pia Roth <pia.routing@example.com>\r\nTo: support@localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, "")}@example.com>\r\n\r\nIt hums.\r\n`,
      );
      return eventually(async () =>
        (await w.admin.get("/api/v1/cases?status=all&limit=100")).body.items.find(
          (c: { subject: string }) => c.subject === subject,
        ),
      );
    };
    const stamp = Date.now();
    const first = await mailCase(`Hum one ${stamp}`);
    assert.equal(first.team?.id, teamId);
    assert.equal(first.assignee?.id, x.id);
    assert.equal((await routedEvent(w, first.id))?.data.reason, "rule");
    const second = await mailCase(`Hum two ${stamp}`);
    assert.equal(second.team?.id, teamId);
    assert.equal(second.assignee, null, "x is at capacity: the emailed case waits in the team's queue");
  });

  test("an agent who set themselves away is skipped, and only they (or an admin) may set it", async () => {
    const {
      agents: [a, b],
      customer,
    } = await newDesk(w, { name: "Away desk", agents: 2, tag: "away" });
    const away = await a.client.put(`/api/v1/agents/${a.id}/availability`, { status: "away" });
    assert.equal(away.status, 200, JSON.stringify(away.body));
    assert.equal(away.body.effective, "away");
    const notMine = await a.client.put(`/api/v1/agents/${b.id}/availability`, { status: "away" });
    assert.equal(notMine.status, 403);
    for (let i = 0; i < 3; i++)
      assert.equal((await openCase(w, customer, { tags: ["away"] })).assignee?.id, b.id);
    await a.client.put(`/api/v1/agents/${a.id}/availability`, { status: "available" });
    const ids = [
      (await openCase(w, customer, { tags: ["away"] })).assignee?.id,
      (await openCase(w, customer, { tags: ["away"] })).assignee?.id,
    ];
    assert.ok(ids.includes(a.id), "back from away, a gets cases again");
  });

  test("agents are away outside their team's business hours", async () => {
    const {
      agents: [a],
      teamId,
      customer,
    } = await newDesk(w, { name: "Night desk", agents: 1, tag: "night" });
    // The business-hours part owns the calendar API; a calendar with no open periods is never open.
    await w.server.runtime.ctx.db
      .insertInto("business_calendars")
      .values({
        workspace_id: w.workspaceId,
        team_id: teamId,
        name: "Closed",
        timezone: "Europe/Berlin",
        periods: "[]",
        holidays: "[]",
      })
      .execute();
    const c = await openCase(w, customer, { tags: ["night"] });
    assert.equal(c.assignee, null);
    assert.equal(c.team?.id, teamId);
    const availability = await a.client.get(`/api/v1/agents/${a.id}/availability`);
    assert.equal(availability.body.status, "available");
    assert.equal(availability.body.effective, "away");
  });

  test("each condition matches: channel, language (fact or message), organization, product model", async () => {
    const a = await newAgent(w);
    const teams = {
      phone: await newTeam(w, "Phone desk", [a]),
      german: await newTeam(w, "German desk", [a]),
      org: await newTeam(w, "Globex desk", [a]),
      model: await newTeam(w, "Soundbar desk", [a]),
    };
    await newRule(w, { position: 1, conditions: { channel: "chat" }, teamId: teams.phone });
    await newRule(w, { position: 2, conditions: { language: "de" }, teamId: teams.german });
    await newRule(w, { position: 3, conditions: { organization: "Globex" }, teamId: teams.org });
    await newRule(w, { position: 4, conditions: { productModel: "SB-700" }, teamId: teams.model });
    const plain = await newCustomer(w);
    assert.equal((await openCase(w, plain, { channel: "chat" })).team?.id, teams.phone);
    assert.equal(
      (await openCase(w, plain, { message: "Die Box funktioniert nicht mit meinem Router, bitte helfen." }))
        .team?.id,
      teams.german,
      "a German message",
    );
    const german = await newCustomer(w);
    await w.admin.post(`/api/v1/customers/${german}/facts`, { key: "language", value: "de" });
    assert.equal((await openCase(w, german)).team?.id, teams.german, "the customer's language fact");
    const globex = await newCustomer(w, { organization: "Globex" });
    assert.equal((await openCase(w, globex)).team?.id, teams.org);
    const owner = await newCustomer(w);
    await w.admin.post(`/api/v1/customers/${owner}/devices`, { model: "sb-700", serial: "SN123" });
    assert.equal((await openCase(w, owner)).team?.id, teams.model);
    const none = await openCase(w, plain);
    assert.equal(none.team, null, "no rule matches: unassigned");
    assert.equal(await routedEvent(w, none.id), undefined, "and nothing to explain");
  });

  test("bad rules are refused naming the field; only admins change rules", async () => {
    const a = await newAgent(w);
    const bad = await w.admin.post("/api/v1/routing-rules", {
      name: "x",
      conditions: { language: "german" },
      teamId: crypto.randomUUID(),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "conditions.language");
    const noTeam = await w.admin.post("/api/v1/routing-rules", { name: "x", teamId: crypto.randomUUID() });
    assert.equal(noTeam.status, 400);
    assert.equal(noTeam.body.error.field, "teamId");
    const teamId = await newTeam(w, "Rules desk", [a]);
    assert.equal((await a.client.post("/api/v1/routing-rules", { name: "x", teamId })).status, 403);
    const rule = await newRule(w, { conditions: { tag: "edit" }, teamId });
    const patched = await w.admin.patch(`/api/v1/routing-rules/${rule.id}`, { strategy: "least_loaded" });
    assert.equal(patched.body.strategy, "least_loaded");
    assert.equal((await w.admin.delete(`/api/v1/routing-rules/${rule.id}`)).status, 204);
    assert.equal((await openCase(w, await newCustomer(w), { tags: ["edit"] })).team, null);
  });

  test("an explicit assignee or team wins over routing", async () => {
    const { customer } = await newDesk(w, { name: "Explicit desk", agents: 1, tag: "explicit" });
    const other = await newAgent(w);
    const c = await openCase(w, customer, { tags: ["explicit"], assigneeId: other.id });
    assert.equal(c.assignee?.id, other.id);
    assert.equal(c.team, null);
    assert.equal(await routedEvent(w, c.id), undefined);
  });
});

describe("customers who keep their agent", () => {
  test("the preferred agent gets the case when available, else their team does", async () => {
    const [dana, sam] = [await newAgent(w), await newAgent(w)];
    const teamId = await newTeam(w, "Dana's team", [dana, sam]);
    const customer = await newCustomer(w);
    const set = await w.admin.put(`/api/v1/customers/${customer}/preferred-agent`, { agentId: dana.id });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.preferredAgent.id, dana.id);
    // Dana's home lists the customers who keep her; Sam's does not.
    const mine = await dana.client.get("/api/v1/agents/me/customers");
    assert.deepEqual(
      mine.body.items.map((x: { id: string }) => x.id),
      [customer],
    );
    assert.equal((await sam.client.get("/api/v1/agents/me/customers")).body.items.length, 0);
    const c = await openCase(w, customer);
    assert.equal(c.assignee?.id, dana.id);
    assert.equal((await routedEvent(w, c.id))?.data.reason, "preferred_agent");
    await dana.client.put(`/api/v1/agents/${dana.id}/availability`, { status: "away" });
    const d = await openCase(w, customer);
    assert.equal(d.team?.id, teamId);
    assert.equal(d.assignee?.id, sam.id);
    const ev = await routedEvent(w, d.id);
    assert.equal(ev?.data.reason, "preferred_team");
    assert.match(ev?.data.detail ?? "", /Preferred agent .* is away; sent to their team/);
    const wrong = await w.admin.put(`/api/v1/customers/${customer}/preferred-agent`, {
      agentId: crypto.randomUUID(),
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.field, "agentId");
  });

  test("a dedicated team (the customer's, else their organization's) comes before everything", async () => {
    const [a, b] = [await newAgent(w), await newAgent(w)];
    const orgTeam = await newTeam(w, "Initech team", [a]);
    const ownTeam = await newTeam(w, "VIP team", [b]);
    const org = await w.admin.put("/api/v1/organizations/Initech/dedicated-team", { teamId: orgTeam });
    assert.equal(org.status, 200, JSON.stringify(org.body));
    const customer = await newCustomer(w, { organization: "Initech" });
    await w.admin.put(`/api/v1/customers/${customer}/preferred-agent`, { agentId: b.id });
    const c = await openCase(w, customer);
    assert.equal(c.team?.id, orgTeam);
    assert.equal(c.assignee?.id, a.id);
    assert.equal((await routedEvent(w, c.id))?.data.reason, "dedicated_team");
    await w.admin.put(`/api/v1/customers/${customer}/dedicated-team`, { teamId: ownTeam });
    const routing = await w.admin.get(`/api/v1/customers/${customer}/routing`);
    assert.equal(routing.body.dedicatedTeam.id, ownTeam);
    assert.equal(routing.body.organizationTeam.id, orgTeam);
    assert.equal((await openCase(w, customer)).team?.id, ownTeam);
  });

  test("in the portal a customer picks their agent only from those the workspace allows", async () => {
    const [allowed, notAllowed] = [await newAgent(w), await newAgent(w)];
    const engineer = await newAgent(w, "engineer");
    const { client: customer } = await customerClient(w.server);
    const before = await customer.get("/api/v1/portal/agents");
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.ok(
      before.body.items.some((a: { id: string }) => a.id === notAllowed.id),
      "by default every agent",
    );
    assert.ok(!before.body.items.some((a: { id: string }) => a.id === engineer.id), "never engineers");
    await w.admin.put("/api/v1/routing-settings", { pickableAgentIds: [allowed.id] });
    const list = await customer.get("/api/v1/portal/agents");
    assert.deepEqual(
      list.body.items.map((a: { id: string }) => a.id),
      [allowed.id],
    );
    const refused = await customer.put("/api/v1/portal/preferred-agent", { agentId: notAllowed.id });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.field, "agentId");
    const picked = await customer.put("/api/v1/portal/preferred-agent", { agentId: allowed.id });
    assert.equal(picked.status, 200, JSON.stringify(picked.body));
    assert.equal(picked.body.preferredAgentId, allowed.id);
    const request = await customer.post("/api/v1/cases", { subject: "My soundbar", message: "It hums." });
    assert.equal(request.status, 201, JSON.stringify(request.body));
    assert.equal(request.body.assignee?.id, allowed.id, "the new request lands with the chosen agent");
    assert.equal((await customer.put("/api/v1/routing-settings", { pickableAgentIds: null })).status, 403);
    await w.admin.put("/api/v1/routing-settings", { pickableAgentIds: null });
  });
});
