import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type ActionsWorld,
  auditActions,
  defineAction,
  key,
  runOn,
  startActionsWorld,
  timelineKinds,
} from "./actions.testkit.ts";
import { STUCK_AFTER_MS, sweepStuckRuns } from "./stuck-runs.ts";

let w: ActionsWorld;
before(async () => {
  w = await startActionsWorld();
});
after(async () => w?.close());

const INPUT = { address: "12 Oak St, Springfield", model: "NetHub 300" };

/** The run as the case page shows it. */
async function runOnCase(runId: string) {
  const res = await w.agent.get(`/api/v1/cases/${w.caseId}/action-runs`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const run = (res.body.items as Array<{ id: string; status: string; error: string | null }>).find(
    (r) => r.id === runId,
  );
  assert.ok(run, "the run is listed on its case");
  return run;
}

/**
 * A process that dies between calling the target and recording its answer leaves the run
 * `running`. That state is set up here by putting a finished run back to `running`, which is
 * exactly what the database holds after such a crash (the target was called once).
 */
async function crashMidCall(runId: string) {
  await w.server.runtime.ctx.pool.query(
    "update action_runs set status = 'running', result = null, finished_at = null where id = $1",
    [runId],
  );
}

test("a run left running by a crashed process is failed as interrupted, and a retry ships once under the same key", async () => {
  const a = await defineAction(w);
  const k = key();
  const first = await runOn(w.agent, w.caseId, a.id, INPUT, k);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const runId = first.body.id as string;
  await crashMidCall(runId);

  // Still within the request timeout plus margin: someone may be finishing it, left alone.
  assert.deepEqual(await sweepStuckRuns(w.server.runtime.ctx), { interrupted: 0 });
  assert.equal((await runOnCase(runId)).status, "running");
  const early = await w.agent.post(`/api/v1/action-runs/${runId}/retry`);
  assert.equal(early.status, 409, "a running run cannot be retried");

  const later = new Date(Date.now() + STUCK_AFTER_MS + 1000);
  assert.deepEqual(await sweepStuckRuns(w.server.runtime.ctx, later), { interrupted: 1 });
  assert.deepEqual(
    await sweepStuckRuns(w.server.runtime.ctx, later),
    { interrupted: 0 },
    "a second sweep records nothing twice",
  );

  const swept = await runOnCase(runId);
  assert.equal(swept.status, "failed");
  assert.match(String(swept.error), /^Interrupted/);
  const events = (await timelineKinds(w.agent, w.caseId)).filter(
    (e) => e.kind === "action.run" && e.data.runId === runId && e.data.status === "failed",
  );
  assert.equal(events.length, 1, "the interruption is on the case timeline once");
  assert.match(String(events[0]?.data.error), /Interrupted/);

  const retried = await w.agent.post(`/api/v1/action-runs/${runId}/retry`);
  assert.equal(retried.status, 200, JSON.stringify(retried.body));
  assert.equal(retried.body.id, runId);
  assert.equal(retried.body.status, "succeeded");
  const calls = w.fulfilment.calls.filter((c) => c.headers["idempotency-key"] === runId);
  assert.equal(calls.length, 2, "the retry reached the target with the same Idempotency-Key");
  assert.equal(
    [...w.fulfilment.shipped].filter((s) => s === runId).length,
    1,
    "the target honoured the key: shipped once",
  );
  assert.deepEqual(await auditActions(w.server, runId), [
    "action.executed",
    "action.failed",
    "action.retried",
    "action.executed",
  ]);
});

test("a run just retried is not swept: the clock starts when it last entered running", async () => {
  const a = await defineAction(w);
  w.fulfilment.mode = "fail";
  const failed = await runOn(w.agent, w.caseId, a.id, INPUT);
  w.fulfilment.mode = "ok";
  assert.equal(failed.body.status, "failed");
  // Created long ago, claimed again just now (a retry in progress when the sweep looks).
  await w.server.runtime.ctx.pool.query(
    "update action_runs set created_at = now() - interval '1 day' where id = $1",
    [failed.body.id],
  );
  await crashMidCall(failed.body.id);
  assert.deepEqual(await sweepStuckRuns(w.server.runtime.ctx), { interrupted: 0 });
  assert.equal((await runOnCase(failed.body.id)).status, "running");
});
