import assert from "node:assert/strict";
import { test } from "node:test";
import pino from "pino";
import { freePort } from "../../../test/harness.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createDb, createPool } from "./pool.ts";
import { readContext, readDb, startReplicaReads } from "./replica.ts";

/**
 * The replica router without a replica: what a one-machine install and a misconfigured or dead
 * replica get. The real standby is exercised by server/test/replica/replica.test.ts.
 */
const log = pino({ level: "silent" });
// A pool that is never queried here: only the identity of the executor matters.
const primaryPool = createPool("postgres://nobody@127.0.0.1:1/none", 1);
const primary = createDb(primaryPool);

test("without DATABASE_REPLICA_URL every read is the primary's, and nothing is sampled", async () => {
  const { reads, stop } = await startReplicaReads({
    url: undefined,
    primary,
    maxLagSeconds: 5,
    checkSeconds: 2,
    poolMax: 2,
    preparedStatements: true,
    log,
  });
  const ctx = { db: primary, replica: reads };
  assert.equal(readDb(ctx), primary);
  assert.equal(readContext(ctx).db, primary);
  assert.deepEqual(reads.status(), {
    configured: false,
    onReplica: false,
    lagSeconds: null,
    reachable: false,
  });
  assert.equal(readDb({ db: primary }), primary, "a context without a router reads the primary");
  await stop();
});

test("a replica that does not answer leaves reads on the primary, and stops cleanly", async () => {
  const closedPort = await freePort();
  const started = Date.now();
  const { reads, stop } = await startReplicaReads({
    url: `postgres://rapport@127.0.0.1:${closedPort}/rapport`,
    primary,
    maxLagSeconds: 5,
    checkSeconds: 0.2,
    poolMax: 2,
    preparedStatements: true,
    log,
  });
  assert.ok(Date.now() - started < 5_000, "start-up is not held up by a dead replica");
  const status = reads.status();
  assert.equal(status.configured, true);
  assert.equal(status.reachable, false);
  assert.equal(status.onReplica, false);
  assert.equal(readDb({ db: primary, replica: reads }), primary);
  await new Promise((r) => setTimeout(r, 500)); // a few more samples, all failing
  assert.equal(readDb({ db: primary, replica: reads }), primary);
  await stop();
  await primaryPool.end();
});

test("the replica settings are checked at start-up, naming the variable", () => {
  assert.throws(
    () => loadConfig({ DATABASE_REPLICA_URL: "mysql://replica/rapport" }),
    (err: Error) => err instanceof ConfigError && /DATABASE_REPLICA_URL: must be a URL/.test(err.message),
  );
  assert.throws(
    () => loadConfig({ REPLICA_MAX_LAG_SECONDS: "0" }),
    (err: Error) => /REPLICA_MAX_LAG_SECONDS/.test(err.message),
  );
  const defaults = loadConfig({});
  assert.equal(defaults.databaseReplicaUrl, undefined);
  assert.equal(defaults.replicaMaxLagSeconds, 5);
  assert.equal(defaults.replicaCheckSeconds, 2);
});
