import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import {
  newAgent,
  newCustomer,
  newRule,
  newTeam,
  openCase,
  type RoutingWorld,
  routedEvent,
  startRoutingWorld,
} from "./routing.testkit.ts";

/**
 * Routed creation reads without a lock and the insert claims the choice (routing_claim, migration
 * 0070). These prove the claim cannot be fooled by a creation that commits while it waits.
 */
let w: RoutingWorld;
let db: pg.Client;
let ws: string;
before(async () => {
  w = await startRoutingWorld();
  db = new pg.Client({ connectionString: w.server.databaseUrl });
  await db.connect();
  ws = (await db.query("select id from workspaces limit 1")).rows[0].id;
});
after(async () => {
  await db.end();
  await w.server.close();
});

/** What the routing read sees of an agent: open cases (the counter) and last assignment. */
async function seenOf(c: pg.Client, agentId: string) {
  const { rows } = await c.query(
    `select coalesce((select open from agent_open_loads where workspace_id = $1 and membership_id = $2), 0) as open,
            (select max(created_at) from cases where workspace_id = $1 and assignee_id = $2)::text as last`,
    [ws, agentId],
  );
  // As text: the instant to the microsecond, as the routing read passes it (a Date keeps ms only).
  return rows[0] as { open: number; last: string | null };
}

describe("claiming a routing choice made without the lock", () => {
  test("a claim that waited for another creation sees what it committed and is refused", async () => {
    const agent = await newAgent(w);
    const customer = await newCustomer(w);
    const before = await seenOf(db, agent.id);
    // Another creation holds the routing lock and assigns this agent, not yet committed.
    const other = new pg.Client({ connectionString: w.server.databaseUrl });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`routing:${ws}`]);
      await other.query(
        `insert into cases (workspace_id, number, customer_id, subject, channel, assignee_id)
         values ($1, next_case_number($1), $2, 'Taken meanwhile', 'api', $3)`,
        [ws, customer, agent.id],
      );
      // The claim's statement starts (and takes its snapshot) now, then waits for the lock.
      const claim = db
        .query("select routing_claim($1, $2, $3, $4)", [ws, agent.id, before.open, before.last])
        .then(
          () => "claimed",
          (err: { code?: string }) => err.code,
        );
      // Commit only once the claim is really waiting for the lock (its snapshot already taken).
      for (let waited = 0; ; waited += 20) {
        const { rows } = await other.query(
          "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
        );
        if (rows[0].n > 0) break;
        assert.ok(waited < 15_000, "the claim waits for the routing lock");
        await new Promise((r) => setTimeout(r, 20));
      }
      await other.query("commit");
      assert.equal(await claim, "RC409", "the place taken while it waited is not claimed again");
    } finally {
      await other.end();
    }
    const now = await seenOf(db, agent.id);
    assert.equal(now.open, before.open + 1);
    const fresh = await db.query("select routing_claim($1, $2, $3, $4) as ok", [
      ws,
      agent.id,
      now.open,
      now.last,
    ]);
    assert.equal(fresh.rows[0].ok, true, "a claim of what is really there succeeds");
  });

  test("a creation whose chosen agent was taken while it waited chooses again", async () => {
    const [x, y] = [await newAgent(w), await newAgent(w)];
    const teamId = await newTeam(w, "Second-choice desk", [x, y]);
    await newRule(w, { conditions: { tag: "second" }, teamId, strategy: "round_robin" });
    const customer = await newCustomer(w);
    const first = await openCase(w, customer, { tags: ["second"] });
    const next = first.assignee?.id === x.id ? y : x; // whose turn it is now
    const other = new pg.Client({ connectionString: w.server.databaseUrl });
    await other.connect();
    try {
      // Another creation holds the lock and gives `next` a case; the API's read cannot see it yet.
      await other.query("begin");
      await other.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`routing:${ws}`]);
      await other.query(
        `insert into cases (workspace_id, number, customer_id, subject, channel, assignee_id, team_id)
         values ($1, next_case_number($1), $2, 'Taken meanwhile', 'api', $3, $4)`,
        [ws, customer, next.id, teamId],
      );
      const pending = openCase(w, customer, { tags: ["second"] });
      for (let waited = 0; ; waited += 20) {
        const { rows } = await other.query(
          "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
        );
        if (rows[0].n > 0) break;
        assert.ok(waited < 15_000, "the creation's claim waits for the routing lock");
        await new Promise((r) => setTimeout(r, 20));
      }
      await other.query("commit");
      const c = await pending;
      assert.equal(c.assignee?.id, first.assignee?.id, "the turn went on to the other agent");
      assert.equal((await routedEvent(w, c.id))?.data.assigneeId, first.assignee?.id);
    } finally {
      await other.end();
    }
    assert.equal((await seenOf(db, next.id)).open, 1, "the agent taken meanwhile has only that case");
  });

  test("simultaneous round-robin cases never share a turn", async () => {
    const agents = [await newAgent(w), await newAgent(w), await newAgent(w), await newAgent(w)];
    const teamId = await newTeam(w, "Simultaneous desk", agents);
    await newRule(w, { conditions: { tag: "burst" }, teamId, strategy: "round_robin" });
    const customer = await newCustomer(w);
    const cases = await Promise.all(agents.map(() => openCase(w, customer, { tags: ["burst"] })));
    for (const a of agents)
      assert.equal(cases.filter((c) => c.assignee?.id === a.id).length, 1, `${a.name} got exactly one turn`);
    for (const c of cases) {
      const ev = await routedEvent(w, c.id);
      assert.equal(ev?.data.assigneeId, c.assignee?.id, "the timeline names the agent the case went to");
    }
    for (const a of agents) assert.equal((await seenOf(db, a.id)).open, 1, "the counter agrees");
  });
});
