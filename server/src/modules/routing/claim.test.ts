import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { newDesk, openCase, type RoutingWorld, routedEvent, startRoutingWorld } from "./routing.testkit.ts";

/**
 * Routed creation chooses inside the case's insert (routing_choose, migration 0085), under the
 * workspace's routing lock. These prove the choice cannot be fooled by a creation that commits
 * while it waits: the function's reads see what the statement's own snapshot could not.
 */
let w: RoutingWorld;
let db: pg.Client;
let ws: string;
before(async () => {
  w = await startRoutingWorld();
  ws = w.workspaceId;
  db = new pg.Client({ connectionString: w.server.databaseUrl });
  await db.connect();
});
after(async () => {
  await db.end();
  await w.server.close();
});

/** What routing reads of an agent: open cases (the counter) and last assignment. */
async function seenOf(c: pg.Client, agentId: string) {
  const { rows } = await c.query(
    `select coalesce((select open from agent_open_loads where workspace_id = $1 and membership_id = $2), 0) as open,
            (select max(created_at) from cases where workspace_id = $1 and assignee_id = $2)::text as last`,
    [ws, agentId],
  );
  return rows[0] as { open: number; last: string | null };
}

/** Resolves once another session waits for an advisory lock (the routing lock). */
async function someoneWaitsForTheLock(c: pg.Client, what: string, waiting = 1) {
  for (let waited = 0; ; waited += 20) {
    const { rows } = await c.query(
      "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
    );
    if (rows[0].n >= waiting) return;
    assert.ok(waited < 15_000, what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("choosing under the routing lock, inside the insert", () => {
  test("a choice that waited for another creation sees what it committed (a fresh snapshot after the lock)", async () => {
    const {
      agents: [agent],
      teamId,
      customer,
    } = await newDesk(w, {
      name: "One-place desk",
      agents: 1,
      tag: "one-place",
      strategy: "least_loaded",
      capacity: 1,
    });
    const choose = (c: pg.Client) =>
      c.query("select routing_choose($1, $2, 'api', array['one-place'], null, '{}') as d", [ws, customer]);
    assert.equal((await choose(db)).rows[0].d.assigneeId, agent.id, "free: the agent is chosen");
    // Another creation holds the routing lock and gives the agent its one place, not yet committed.
    const other = new pg.Client({ connectionString: w.server.databaseUrl });
    const plain = new pg.Client({ connectionString: w.server.databaseUrl });
    await other.connect();
    await plain.connect();
    try {
      await other.query("begin");
      await other.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`routing:${ws}`]);
      await other.query(
        `insert into cases (workspace_id, number, customer_id, subject, channel, assignee_id, team_id)
         values ($1, next_case_number($1), $2, 'Taken meanwhile', 'api', $3, $4)`,
        [ws, customer, agent.id, teamId],
      );
      // The choosing statement starts (and takes its snapshot) now, then waits for the lock.
      const pending = choose(db);
      // The control: a plain statement that takes the same lock before reading the load. Its
      // snapshot is the statement's, taken before the wait, which is why the choice is a function.
      const control = plain.query(
        `with lock as materialized (select pg_advisory_xact_lock(hashtextextended($1, 0)))
         select coalesce((select l.open from agent_open_loads l
                           where l.workspace_id = $2 and l.membership_id = $3), 0) as open from lock`,
        [`routing:${ws}`, ws, agent.id],
      );
      await someoneWaitsForTheLock(other, "the choice and the control wait for the routing lock", 2);
      await other.query("commit");
      const d = (await pending).rows[0].d;
      assert.equal(d.teamId, teamId);
      assert.equal(d.assigneeId, null, "the place taken while it waited is not given again");
      assert.match(d.detail, /no agent of the team is available/);
      assert.equal(
        (await control).rows[0].open,
        0,
        "a plain statement still sees the load from before the wait",
      );
    } finally {
      await other.end();
      await plain.end();
    }
    assert.equal((await seenOf(db, agent.id)).open, 1);
  });

  test("a creation whose chosen agent was taken while it waited chooses again", async () => {
    const {
      agents: [x, y],
      teamId,
      customer,
    } = await newDesk(w, { name: "Second-choice desk", agents: 2, tag: "second", strategy: "round_robin" });
    const first = await openCase(w, customer, { tags: ["second"] });
    const next = first.assignee?.id === x.id ? y : x; // whose turn it is now
    const other = new pg.Client({ connectionString: w.server.databaseUrl });
    await other.connect();
    try {
      // Another creation holds the lock and gives `next` a case; the API creation starts before it commits.
      await other.query("begin");
      await other.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`routing:${ws}`]);
      await other.query(
        `insert into cases (workspace_id, number, customer_id, subject, channel, assignee_id, team_id)
         values ($1, next_case_number($1), $2, 'Taken meanwhile', 'api', $3, $4)`,
        [ws, customer, next.id, teamId],
      );
      const pending = openCase(w, customer, { tags: ["second"] });
      await someoneWaitsForTheLock(other, "the creation waits for the routing lock");
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
    const { agents, customer } = await newDesk(w, {
      name: "Simultaneous desk",
      agents: 4,
      tag: "burst",
      strategy: "round_robin",
    });
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
