import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * A hand-built week of support (Mon 2 – Sun 8 March 2026) with known answers. Cases are made
 * through the API, then their times are moved to the history below (as the demo clock does);
 * the reports must see the moves, since the triggers mark every touched case.
 *
 * The team keeps Mon–Fri 09:00–17:00 UTC.
 *  A  email, tag billing, customer in Auckland (UTC+13): created Mon 16:00, reply Mon 18:00
 *     (2 h wall, 1 business h), solved Tue 10:00 (18 h wall, 2 business h). One-touch. CSAT 5.
 *  B  chat, tag hardware: created Tue 09:00, reply 09:30, customer 10:00, reply 11:00 (next
 *     reply 1 h), solved 12:00, reopened 13:00, reply 14:00, solved 15:00 (6 h). CSAT 2.
 *  C  email, no team, no reply, still open (backlog); a repeat contact of A.
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let teamId: string;
const ids: Record<"A" | "B" | "C", string> = { A: "", B: "", C: "" };
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
const WEEK = "from=2026-03-02&to=2026-03-08";
const R = "/api/v1/reports";

async function newCase(name: string, body: Record<string, unknown>) {
  const cu = await admin.post("/api/v1/customers", { name });
  assert.equal(cu.status, 201, JSON.stringify(cu.body));
  const res = await admin.post("/api/v1/cases", {
    customerId: cu.body.id,
    subject: `${name}'s case`,
    message: "Hello",
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id as string, customerId: cu.body.id as string };
}
async function reply(id: string) {
  const res = await admin.post(`/api/v1/cases/${id}/messages`, { body: "On it.", kind: "reply" });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}
async function setStatus(id: string, status: string) {
  const res = await admin.patch(`/api/v1/cases/${id}`, { status });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}
/** Moves a case's creation, its messages (in order) and its status changes (in order). */
async function retime(id: string, created: string, messages: string[], changes: string[]) {
  await q("update cases set created_at = $2 where id = $1", [id, created]);
  const msgs = await q("select id from messages where case_id = $1 order by created_at, id", [id]);
  assert.equal(msgs.rows.length, messages.length, "messages to retime");
  for (const [i, m] of msgs.rows.entries())
    await q("update messages set created_at = $2 where id = $1", [m.id, messages[i]]);
  const ev = await q(
    "select id, data from timeline_events where case_id = $1 and kind = 'case.status_changed' order by occurred_at, id",
    [id],
  );
  assert.equal(ev.rows.length, changes.length, `status changes to retime: ${JSON.stringify(ev.rows)}`);
  for (const [i, e] of ev.rows.entries())
    await q("update timeline_events set occurred_at = $2 where id = $1", [e.id, changes[i]]);
}
async function survey(caseId: string, customerId: string, rating: number, sentiment: string) {
  const s = await q(
    `insert into surveys (workspace_id, case_id, customer_id, kind, scale, channel, send_at, team_id)
     select workspace_id, id, customer_id, 'csat', 'five', 'email', now(), team_id from cases where id = $1 returning id`,
    [caseId],
  );
  await q(
    `insert into survey_responses (survey_id, workspace_id, case_id, customer_id, kind, rating, sentiment, team_id)
     select $1, workspace_id, id, $2, 'csat', $3, $4, team_id from cases where id = $5`,
    [s.rows[0].id, customerId, rating, sentiment, caseId],
  );
}

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
  const team = await admin.post("/api/v1/teams", { name: '=HYPERLINK("http://x")', memberIds: [] });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  teamId = team.body.items[0].id;
  const hours = await admin.post("/api/v1/business-hours", {
    name: "Weekdays",
    teamId,
    timezone: "UTC",
    periods: [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" })),
    holidays: [],
  });
  assert.equal(hours.status, 201, JSON.stringify(hours.body));

  const a = await newCase("Aroha", { channel: "email", teamId, tags: ["billing"] });
  await admin.post(`/api/v1/customers/${a.customerId}/facts`, { key: "timezone", value: "Pacific/Auckland" });
  await reply(a.id);
  await setStatus(a.id, "solved");
  await retime(
    a.id,
    "2026-03-02T16:00:00Z",
    ["2026-03-02T16:00:00Z", "2026-03-02T18:00:00Z"],
    ["2026-03-02T18:00:00Z", "2026-03-03T10:00:00Z"],
  );
  await survey(a.id, a.customerId, 5, "positive");

  const b = await newCase("Bea", { channel: "chat", teamId, tags: ["hardware"] });
  await reply(b.id);
  await q(
    "insert into messages (workspace_id, case_id, kind, author_name, body, channel) select workspace_id, id, 'customer', 'Bea', 'Still?', 'chat' from cases where id = $1",
    [b.id],
  );
  await reply(b.id);
  await setStatus(b.id, "solved");
  await setStatus(b.id, "open");
  await reply(b.id);
  await setStatus(b.id, "solved");
  await retime(
    b.id,
    "2026-03-03T09:00:00Z",
    [
      "2026-03-03T09:00:00Z",
      "2026-03-03T09:30:00Z",
      "2026-03-03T10:00:00Z",
      "2026-03-03T11:00:00Z",
      "2026-03-03T14:00:00Z",
    ],
    ["2026-03-03T09:30:00Z", "2026-03-03T12:00:00Z", "2026-03-03T13:00:00Z", "2026-03-03T15:00:00Z"],
  );
  await survey(b.id, b.customerId, 2, "negative");

  const c = await newCase("Cem", { channel: "email" });
  await retime(c.id, "2026-03-04T10:00:00Z", ["2026-03-04T10:00:00Z"], []);
  await q(
    `insert into repeat_contacts (case_id, workspace_id, customer_id, previous_case_id, reason, team_id)
     select id, workspace_id, customer_id, $2, 'similar', $3 from cases where id = $1`,
    [c.id, a.id, teamId],
  );
  Object.assign(ids, { A: a.id, B: b.id, C: c.id });
});
after(() => server.close());

const get = async (path: string) => {
  const res = await admin.get(path);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};

describe("each metric on the hand-built week", () => {
  test("first reply: business hours by default, the customer's elapsed time on their clock", async () => {
    const business = await get(`${R}/first-reply-time?${WEEK}`);
    assert.equal(business.unit, "minutes");
    assert.deepEqual(business.total, { value: 45, count: 2, hits: null }, "(60 + 30) / 2 business minutes");
    const customer = await get(`${R}/first-reply-time?${WEEK}&clock=customer`);
    assert.deepEqual(customer.total, { value: 75, count: 2, hits: null }, "(120 + 30) / 2 minutes waited");
  });

  test("next reply, resolution to the last solve, one-touch and reopen rates", async () => {
    assert.deepEqual((await get(`${R}/next-reply-time?${WEEK}`)).total, { value: 60, count: 1, hits: null });
    assert.deepEqual((await get(`${R}/resolution-time?${WEEK}`)).total, { value: 240, count: 2, hits: null });
    assert.deepEqual((await get(`${R}/resolution-time?${WEEK}&clock=customer`)).total, {
      value: 720,
      count: 2,
      hits: null,
    });
    assert.deepEqual((await get(`${R}/one-touch?${WEEK}`)).total, { value: 0.5, count: 2, hits: 1 });
    assert.deepEqual((await get(`${R}/reopen-rate?${WEEK}`)).total, { value: 0.5, count: 2, hits: 1 });
  });

  test("repeat contacts, CSAT and CES come from the shared tables", async () => {
    assert.deepEqual((await get(`${R}/repeat-contact-rate?${WEEK}`)).total, {
      value: 0.3333,
      count: 3,
      hits: 1,
    });
    assert.deepEqual((await get(`${R}/csat?${WEEK}`)).total, { value: 3.5, count: 2, hits: 1 });
    assert.deepEqual((await get(`${R}/ces?${WEEK}`)).total, { value: null, count: 0, hits: null });
  });

  test("backlog: the open case at the period's end, by age", async () => {
    const backlog = await get(`${R}/backlog?${WEEK}`);
    assert.equal(backlog.total.count, 1);
    assert.deepEqual(
      backlog.rows.map((r: { key: string; count: number }) => [r.key, r.count]),
      [["3-7d", 1]],
    );
    // Day by day: A open overnight, nothing on the 3rd, C from the 4th on.
    const byDay = await get(`${R}/backlog?${WEEK}&groupBy=day`);
    assert.deepEqual(
      byDay.rows.map((r: { count: number }) => r.count),
      [1, 0, 1, 1, 1, 1, 1],
    );
    const day3 = await get(`${R}/backlog/cases?${WEEK}&groupBy=day&bucket=2026-03-02`);
    assert.deepEqual(
      day3.items.map((c: { id: string }) => c.id),
      [ids.A],
    );
    // Before C was created nothing was open.
    assert.equal((await get(`${R}/backlog?from=2026-03-02&to=2026-03-03`)).total.count, 0);
  });
});

describe("grouping and filters", () => {
  test("by channel, by day on either clock, by team with its name", async () => {
    const byChannel = await get(`${R}/first-reply-time?${WEEK}&groupBy=channel`);
    assert.deepEqual(
      byChannel.rows.map((r: { key: string; value: number }) => [r.key, r.value]),
      [
        ["chat", 30],
        ["email", 60],
      ],
    );
    const byDay = await get(`${R}/first-reply-time?${WEEK}&groupBy=day`);
    assert.deepEqual(
      byDay.rows.map((r: { key: string; value: number }) => [r.key, r.value]),
      [
        ["2026-03-02", 60],
        ["2026-03-03", 30],
      ],
    );
    // In Auckland, A was written on Tuesday morning: both cases fall on the 3rd.
    const theirDay = await get(`${R}/first-reply-time?${WEEK}&groupBy=day&clock=customer`);
    assert.deepEqual(
      theirDay.rows.map((r: { key: string; value: number; count: number }) => [r.key, r.value, r.count]),
      [["2026-03-03", 75, 2]],
    );
    const byTeam = await get(`${R}/repeat-contact-rate?${WEEK}&groupBy=team`);
    assert.deepEqual(
      byTeam.rows.map((r: { label: string; count: number }) => [r.label, r.count]),
      [
        ['=HYPERLINK("http://x")', 2],
        ["No team", 1],
      ],
    );
  });

  test("filters by channel, tag and team", async () => {
    assert.equal((await get(`${R}/first-reply-time?${WEEK}&channel=chat`)).total.value, 30);
    assert.deepEqual((await get(`${R}/first-reply-time?${WEEK}&tag=billing`)).total, {
      value: 60,
      count: 1,
      hits: null,
    });
    const byTag = await get(`${R}/resolution-time?${WEEK}&groupBy=tag`);
    assert.deepEqual(
      byTag.rows.map((r: { key: string; value: number }) => [r.key, r.value]),
      [
        ["billing", 120],
        ["hardware", 360],
      ],
    );
    assert.equal((await get(`${R}/repeat-contact-rate?${WEEK}&team=${teamId}`)).total.count, 2);
  });

  test("a new reply changes the figures at once (the rollups follow the case)", async () => {
    const d = await q("select id from cases where id = $1", [ids.C]);
    assert.equal(d.rows.length, 1);
    await reply(ids.C);
    const msgs = await q("select id from messages where case_id = $1 and kind = 'reply'", [ids.C]);
    await q("update messages set created_at = '2026-03-04T11:00:00Z' where id = $1", [msgs.rows[0].id]);
    assert.deepEqual((await get(`${R}/first-reply-time?${WEEK}`)).total, { value: 50, count: 3, hits: null });
    await q("delete from messages where id = $1", [msgs.rows[0].id]);
    assert.deepEqual((await get(`${R}/first-reply-time?${WEEK}`)).total, { value: 45, count: 2, hits: null });
  });
});

describe("the cases behind a figure", () => {
  test("a bar's cases are exactly the ones it counted, with their own figure", async () => {
    const email = await get(`${R}/first-reply-time/cases?${WEEK}&groupBy=channel&bucket=email`);
    assert.deepEqual(
      email.items.map((c: { id: string; value: number }) => [c.id, c.value]),
      [[ids.A, 60]],
    );
    assert.equal(email.total, 1);
    const oneTouch = await get(`${R}/one-touch/cases?${WEEK}`);
    assert.deepEqual(
      oneTouch.items.map((c: { id: string; value: number }) => [c.id, c.value]),
      [
        [ids.B, 0],
        [ids.A, 1],
      ],
    );
    const aged = await get(`${R}/backlog/cases?${WEEK}&bucket=3-7d`);
    assert.deepEqual(
      aged.items.map((c: { id: string }) => c.id),
      [ids.C],
    );
    const paged = await get(`${R}/repeat-contact-rate/cases?${WEEK}&limit=2&page=2`);
    assert.equal(paged.total, 3);
    assert.equal(paged.items.length, 1);
  });
});

describe("CSV", () => {
  test("by ?format=csv or Accept, quoted, and a formula-looking name stays text", async () => {
    const res = await admin.get(`${R}/repeat-contact-rate?${WEEK}&groupBy=team&format=csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/csv/);
    const lines = String(res.body).trim().split("\r\n");
    assert.equal(lines[0], '"team","label","value (share)","count","hits"');
    assert.equal(lines[1], `"${teamId}","'=HYPERLINK(""http://x"")",0,2,0`, "C, the repeat, has no team");
    const accepted = await admin.get(`${R}/first-reply-time/cases?${WEEK}`, { accept: "text/csv" });
    assert.match(accepted.headers.get("content-type") ?? "", /^text\/csv/);
    assert.equal(String(accepted.body).trim().split("\r\n").length, 3, "header and two cases");
  });
});

describe("bad input and access", () => {
  test("unknown metric or grouping, reversed or over-long ranges: 400 naming the field", async () => {
    const cases: Array<[string, string]> = [
      [`${R}/happiness?${WEEK}`, "metric"],
      [`${R}/csat?${WEEK}&groupBy=year`, "groupBy"],
      [`${R}/csat?from=2026-03-08&to=2026-03-02`, "to"],
      [`${R}/csat?from=2023-01-01&to=2026-03-02`, "to"],
      [`${R}/csat?from=yesterday`, "from"],
    ];
    for (const [path, field] of cases) {
      const res = await admin.get(path);
      assert.equal(res.status, 400, path);
      assert.equal(res.body.error.field, field, path);
    }
  });

  test("an agent who leads no team may not read the reports", async () => {
    assert.equal((await agent.get(`${R}/csat?${WEEK}`)).status, 403);
  });
});
