import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { scoreIdeas } from "../feedback/insight/score.ts";
import {
  importCsv,
  lifecycle,
  newCustomer,
  query,
  type RetentionWorld,
  startRetentionWorld,
} from "./retention.testkit.ts";
import { churnedAmong, setTrainingSource, trainedAmong } from "./sources.ts";

let w: RetentionWorld;
before(async () => {
  w = await startRetentionWorld();
});
after(() => w.server.close());

describe("lifecycle events (JSON)", () => {
  test("a billing system records events with its API token; a repeated externalId changes nothing", async () => {
    const c = await newCustomer(w.agent);
    const first = await lifecycle(w.billing, c.id, {
      event: "subscribed",
      at: "2026-01-05T10:00:00Z",
      value: 49.9,
      externalId: "sub_1",
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.created, true);
    assert.equal(first.body.event.value, 49.9);
    const again = await lifecycle(w.billing, c.id, {
      event: "subscribed",
      at: "2026-01-05T10:00:00Z",
      value: 49.9,
      externalId: "sub_1",
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.created, false);
    assert.equal(again.body.event.id, first.body.event.id);
    await lifecycle(w.billing, c.id, { event: "upgraded", at: "2026-03-01T00:00:00+01:00", value: 99 });
    const list = await w.agent.get(`/api/v1/customers/${c.id}/lifecycle`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((e: { event: string }) => e.event),
      ["upgraded", "subscribed"],
      "newest first, the repeat not stored twice",
    );
  });

  test("bad input is a 400 naming the field; unknown customers 404; customers may not post", async () => {
    const c = await newCustomer(w.agent);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ event: "paused", at: "2026-01-01T00:00:00Z" }, "event"],
      [{ event: "renewed", at: "yesterday" }, "at"],
      [{ event: "renewed", at: "2026-01-01T00:00:00Z", value: -5 }, "value"],
      [{ event: "renewed", at: "2026-01-01T00:00:00Z", value: 1.234 }, "value"],
      [{ event: "renewed", at: "2026-01-01T00:00:00Z", externalId: "x".repeat(201) }, "externalId"],
      [{ event: "renewed", at: "2026-01-01T00:00:00Z", plan: "gold" }, "plan"],
    ];
    for (const [body, field] of cases) {
      const res = await lifecycle(w.billing, c.id, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const missing = await lifecycle(w.billing, "00000000-0000-4000-8000-000000000000", {
      event: "renewed",
      at: "2026-01-01T00:00:00Z",
    });
    assert.equal(missing.status, 404);
    assert.equal(
      (await lifecycle(new TestClient(w.server.url), c.id, { event: "renewed", at: "2026-01-01T00:00:00Z" }))
        .status,
      401,
    );
  });

  test("each event lands on the customer's timeline; a churn fires customer.churned", async () => {
    const hook = await w.admin.post("/api/v1/webhooks", {
      url: "https://hooks.example.com/billing",
      events: ["customer.churned"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const c = await newCustomer(w.agent, "Leaving Lena");
    await lifecycle(w.billing, c.id, { event: "subscribed", at: "2026-01-01T00:00:00Z", value: 20 });
    await lifecycle(w.billing, c.id, {
      event: "churned",
      at: "2026-04-01T00:00:00Z",
      externalId: "churn_lena",
    });
    await lifecycle(w.billing, c.id, {
      event: "churned",
      at: "2026-04-01T00:00:00Z",
      externalId: "churn_lena",
    });
    const timeline = await w.agent.get(`/api/v1/customers/${c.id}/timeline`);
    assert.equal(timeline.status, 200);
    const kinds = timeline.body.items.filter((e: { kind: string }) => e.kind === "customer.lifecycle");
    assert.deepEqual(
      kinds.map((e: { data: { event: string } }) => e.data.event),
      ["churned", "subscribed"],
    );
    const { rows } = await query(
      w,
      "select body from webhook_deliveries where endpoint_id = $1 and event_type = 'customer.churned'",
      [hook.body.id],
    );
    assert.equal(rows.length, 1, "one delivery: the repeated import announced nothing");
    const data = JSON.parse(rows[0].body).data;
    assert.equal(data.customer.id, c.id);
    assert.equal(data.at, "2026-04-01T00:00:00.000Z");
  });
});

describe("lifecycle import (CSV)", () => {
  test("rows name customers by id, email or account; importing the same file again changes nothing", async () => {
    const [a, b, c] = [await newCustomer(w.agent), await newCustomer(w.agent), await newCustomer(w.agent)];
    const csv = [
      "customer,event,at,value,external_id",
      `${a.id},subscribed,2026-02-01,10.50,imp-a`,
      `${b.email.toUpperCase()},subscribed,2026-02-02T09:00:00Z,,imp-b`,
      `"${c.account}",churned,2026-02-03,,"imp-c"`,
    ].join("\r\n");
    const res = await importCsv(w.billing, "/api/v1/customers/lifecycle", csv);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      { ...res.body, errors: res.body.errors.length },
      { rows: 3, created: 3, unchanged: 0, skipped: 0, errors: 0 },
    );
    const again = await importCsv(w.billing, "/api/v1/customers/lifecycle", csv);
    assert.equal(again.body.created, 0);
    assert.equal(again.body.unchanged, 3);
    assert.equal((await w.agent.get(`/api/v1/customers/${c.id}/lifecycle`)).body.items[0].event, "churned");
  });

  test("malformed rows are listed with their line numbers and nothing is applied, unless skipInvalid", async () => {
    const a = await newCustomer(w.agent);
    const csv = [
      "customer,event,at,value,external_id",
      ",subscribed,2026-02-01,12,bad-1", // empty customer: the path's customer
      "nobody@example.test,renewed,2026-02-02,,bad-2",
      ",paused,2026-02-03,,bad-3",
      ",renewed,31/02/2026,,bad-4",
      ",renewed,2026-02-05,12.345,bad-5",
      ",renewed,2026-02-06,,bad-1",
    ].join("\n");
    const path = `/api/v1/customers/${a.id}/lifecycle`;
    const res = await importCsv(w.billing, path, csv);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.field, "csv");
    assert.deepEqual(
      res.body.import.errors.map((e: { line: number; field: string }) => [e.line, e.field]),
      [
        [3, "customer"],
        [4, "event"],
        [5, "at"],
        [6, "value"],
        [7, "external_id"],
      ],
    );
    assert.equal(
      (await w.agent.get(`/api/v1/customers/${a.id}/lifecycle`)).body.items.length,
      0,
      "nothing applied",
    );
    const skipped = await importCsv(w.billing, `${path}?skipInvalid=true`, csv);
    assert.equal(skipped.status, 200, JSON.stringify(skipped.body));
    assert.equal(skipped.body.created, 1);
    assert.equal(skipped.body.skipped, 5);
    assert.equal((await w.agent.get(`/api/v1/customers/${a.id}/lifecycle`)).body.items.length, 1);
  });

  test("a broken file or header is refused as a whole", async () => {
    const a = await newCustomer(w.agent);
    const path = `/api/v1/customers/${a.id}/lifecycle`;
    const unclosed = await importCsv(w.billing, path, 'customer,event,at\n,"subscribed,2026-01-01\n');
    assert.equal(unclosed.status, 400);
    assert.match(unclosed.body.error.message, /line 2/);
    const header = await importCsv(w.billing, path, "who,event,at\n,subscribed,2026-01-01\n");
    assert.equal(header.status, 400);
    assert.match(header.body.error.message, /customer/);
  });
});

describe("sources", () => {
  test("the churn source answers who churned (latest event), and feedback's score counts them", async () => {
    const gone = await newCustomer(w.agent);
    const back = await newCustomer(w.agent);
    await lifecycle(w.billing, gone.id, { event: "churned", at: "2026-05-01T00:00:00Z" });
    await lifecycle(w.billing, back.id, { event: "churned", at: "2026-05-01T00:00:00Z" });
    await lifecycle(w.billing, back.id, { event: "subscribed", at: "2026-06-01T00:00:00Z" });
    const { rows } = await query(w, "select workspace_id from customers where id = $1", [gone.id]);
    const scope = new TenantScope(w.server.runtime.ctx.db, rows[0].workspace_id);
    assert.deepEqual([...(await churnedAmong(scope, [gone.id, back.id]))], [gone.id]);
    // Through feedback's prioritisation: an idea gone's case is linked to counts one churned requester.
    const board = await w.admin.post("/api/v1/feedback/boards", { name: "Ideas" });
    const idea = await w.admin.post("/api/v1/feedback/ideas", {
      boardId: board.body.id,
      title: "Offline mode",
      description: "Please.",
      customerId: gone.id,
    });
    assert.equal(idea.status, 201, JSON.stringify(idea.body));
    const voted = await w.admin.post(`/api/v1/feedback/ideas/${idea.body.id}/votes`, { customerId: gone.id });
    assert.equal(voted.status, 200, JSON.stringify(voted.body));
    const scored = await scoreIdeas(scope, [idea.body.id]);
    assert.equal(scored.get(idea.body.id)?.terms.churned.count, 1);
  });

  test("the training source defaults to nobody trained and can be replaced", async () => {
    const a = await newCustomer(w.agent);
    const { rows } = await query(w, "select workspace_id from customers where id = $1", [a.id]);
    const scope = new TenantScope(w.server.runtime.ctx.db, rows[0].workspace_id);
    const previous = setTrainingSource(null);
    try {
      assert.equal((await trainedAmong(scope, [a.id])).size, 0);
      setTrainingSource(async (_s, ids) => new Set(ids));
      assert.deepEqual([...(await trainedAmong(scope, [a.id]))], [a.id]);
    } finally {
      setTrainingSource(previous);
    }
  });
});
