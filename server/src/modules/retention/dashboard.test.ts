import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  importCsv,
  newCase,
  newCustomer,
  query,
  type RetentionWorld,
  startRetentionWorld,
  workspaceIdOf,
} from "./retention.testkit.ts";
import { setTrainingSource } from "./sources.ts";

/**
 * A known history: 40 customers subscribed on 2025-12-01 at 100 a month. In the first half
 * of 2026, #0–#29 had a repeat contact and #0–#5 churned on 2026-03-15; #0–#2 answered a
 * negative CSAT. One more customer joined in February; one churned before the year began.
 */
let w: RetentionWorld;
let ws: string;
const people: Array<{ id: string; email: string }> = [];
const caseOf: string[] = [];
let late: string;
let early: string;
before(async () => {
  w = await startRetentionWorld();
  ws = await workspaceIdOf(w);
  for (let i = 0; i < 40; i++) people.push(await newCustomer(w.agent, `Cohort ${i}`));
  late = (await newCustomer(w.agent, "Late")).id;
  early = (await newCustomer(w.agent, "Early")).id;
  const rows = ["customer,event,at,value,external_id"];
  people.forEach((p, i) => {
    rows.push(`${p.id},subscribed,2025-12-01,100,s-${i}`);
    if (i < 6) rows.push(`${p.email},churned,2026-03-15,,c-${i}`);
  });
  rows.push(
    `${late},subscribed,2026-02-10,50,late`,
    `${early},subscribed,2025-12-10,,e1`,
    `${early},churned,2025-12-20,,e2`,
  );
  const res = await importCsv(w.billing, "/api/v1/customers/lifecycle", rows.join("\n"));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  for (let i = 0; i < 30; i++) {
    const kase = await newCase(w.agent, people[i]?.id ?? "", `Problem ${i}`);
    caseOf.push(kase.id);
    await query(w, "update cases set created_at = '2026-03-01T10:00:00Z' where id = $1", [kase.id]);
    await query(
      w,
      `insert into repeat_contacts (case_id, workspace_id, customer_id, previous_case_id, reason, detected_at)
       values ($1, $2, $3, $1, 'reopen', '2026-03-05T00:00:00Z')`,
      [kase.id, ws, people[i]?.id],
    );
  }
  for (let i = 0; i < 3; i++) {
    const { rows: s } = await query(
      w,
      `insert into surveys (workspace_id, case_id, customer_id, kind, scale, channel, status, send_at)
       values ($1, $2, $3, 'csat', 'five', 'email', 'responded', '2026-03-02T00:00:00Z') returning id`,
      [ws, caseOf[i], people[i]?.id],
    );
    await query(
      w,
      `insert into survey_responses (survey_id, workspace_id, case_id, customer_id, kind, rating, sentiment, comment, responded_at)
       values ($1, $2, $3, $4, 'csat', 1, 'negative', 'Still broken', '2026-03-03T00:00:00Z')`,
      [s[0].id, ws, caseOf[i], people[i]?.id],
    );
  }
  // One case from long before the churn: outside the 90 days.
  const old = await newCase(w.agent, people[0]?.id ?? "", "Ancient history");
  await query(w, "update cases set created_at = '2025-10-01T10:00:00Z' where id = $1", [old.id]);
});
after(() => w.server.close());

const H1 = "from=2026-01-01&to=2026-06-30";
const groups = (body: any, split: string) =>
  Object.fromEntries(
    body.splits.find((s: { split: string }) => s.split === split).groups.map((g: any) => [g.key, g]),
  );

describe("retention dashboard", () => {
  test("retention and revenue retention, split by support experience, with sample sizes; small groups get no rate", async () => {
    const res = await w.admin.get(`/api/v1/retention/dashboard?${H1}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const d = res.body;
    assert.equal(d.minSample, 30);
    assert.deepEqual(
      [d.overall.customers, d.overall.retained, d.overall.retention],
      [40, 34, 34 / 40],
      "active at the start: the late joiner and the early churner are not counted",
    );
    assert.equal(d.overall.revenueStart, 4000);
    assert.equal(d.overall.revenueEnd, 3400);
    assert.equal(d.overall.revenueRetention, 0.85);
    const repeats = groups(d, "repeatContacts");
    assert.deepEqual([repeats.yes.customers, repeats.yes.retained, repeats.yes.retention], [30, 24, 0.8]);
    assert.deepEqual([repeats.no.customers, repeats.no.retention, repeats.no.tooFew], [10, null, true]);
    const csat = groups(d, "csat");
    assert.deepEqual([csat.negative.customers, csat.negative.retention], [3, null]);
    assert.equal(csat.none.customers, 37);
    assert.equal(groups(d, "resolutionTime").none.customers, 40, "nobody's case was solved");
    assert.equal(groups(d, "community").no.customers, 40);
    assert.equal(groups(d, "trained").yes.customers, 0, "nobody is trained until the academy says so");
  });

  test("the training source decides the trained split", async () => {
    const trained = new Set(people.slice(0, 30).map((p) => p.id));
    const previous = setTrainingSource(async (_s, ids) => new Set(ids.filter((id) => trained.has(id))));
    try {
      const d = (await w.admin.get(`/api/v1/retention/dashboard?${H1}`)).body;
      assert.equal(groups(d, "trained").yes.customers, 30);
      assert.equal(groups(d, "trained").yes.retention, 0.8);
    } finally {
      setTrainingSource(previous);
    }
  });

  test("ranges are checked: to before from, over 2 years, bad dates; agents may not read it", async () => {
    assert.equal(
      (await w.admin.get("/api/v1/retention/dashboard?from=2026-02-01&to=2026-01-01")).body.error.field,
      "to",
    );
    assert.equal(
      (await w.admin.get("/api/v1/retention/dashboard?from=2020-01-01&to=2026-01-01")).status,
      400,
    );
    assert.equal(
      (await w.admin.get("/api/v1/retention/dashboard?from=2026-13-01&to=2026-12-01")).body.error.field,
      "from",
    );
    assert.equal((await w.agent.get(`/api/v1/retention/dashboard?${H1}`)).status, 403);
  });
});

describe("cohorts", () => {
  test("curves by the month of first subscription, with sizes, only for months that have ended", async () => {
    const res = await w.admin.get("/api/v1/retention/cohorts?from=2025-12-01&to=2026-02-28&by=month");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [dec, feb] = res.body.cohorts;
    assert.deepEqual([dec.month, dec.size, dec.tooFew], ["2025-12", 41, false]);
    const at = (k: number) => dec.points.find((p: { offset: number }) => p.offset === k);
    assert.deepEqual([at(0).retained, at(2).retained, at(3).retained], [40, 40, 34]);
    assert.equal(at(3).share, 34 / 41);
    const now = Date.now();
    for (const p of dec.points)
      assert.ok(Date.UTC(2025, 12 + p.offset, 1) <= now, "no point for a month still running");
    assert.deepEqual([feb.month, feb.size, feb.tooFew], ["2026-02", 1, true]);
    assert.ok(
      feb.points.every((p: { share: number | null }) => p.share === null),
      "one customer makes no curve",
    );
  });
});

describe("churned customers", () => {
  test("each with their last 90 days of cases, surveys and repeat contacts", async () => {
    const res = await w.admin.get("/api/v1/retention/churned?from=2026-03-01&to=2026-03-31");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.items.length, 6);
    const first = res.body.items.find((x: { customer: { id: string } }) => x.customer.id === people[0]?.id);
    assert.equal(first.churnedAt, "2026-03-15T00:00:00.000Z");
    assert.deepEqual(
      first.cases.map((c: { subject: string }) => c.subject),
      ["Problem 0"],
      "the case from October is older than 90 days",
    );
    assert.equal(first.surveys[0].sentiment, "negative");
    assert.equal(first.surveys[0].comment, "Still broken");
    assert.equal(first.repeats[0].caseId, caseOf[0]);
    const none = await w.admin.get("/api/v1/retention/churned?from=2026-05-01&to=2026-05-31");
    assert.equal(none.body.items.length, 0);
  });
});
