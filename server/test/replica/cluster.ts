import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { stopClustersUnder } from "../../../scripts/reap.ts";
import { freePort } from "../harness.ts";

/**
 * A real streaming-replication pair made from Debian's PostgreSQL 15 for the read-replica test:
 * a primary (wal_level=replica, a replication line in pg_hba.conf, loopback only) and a hot
 * standby cloned from it with `pg_basebackup -R`, on two loopback ports. Both data directories
 * lie under one temporary directory; `stop` ends both postmasters by the PID in their
 * postmaster.pid (fast shutdown, then immediate) and removes it.
 */
export const PGBIN = "/usr/lib/postgresql/15/bin";
const run = promisify(execFile);

export type ReplicatedPair = {
  /** URL of database `name` on the primary (superuser `rapport`, trust on loopback). */
  primaryUrl: (name?: string) => string;
  replicaUrl: (name?: string) => string;
  stop: () => Promise<void>;
  /** Ends the standby alone (by PID), to show an unreachable replica. */
  stopStandby: () => Promise<void>;
};

/** initdb and postgres refuse root: as root, run them as the postgres user. */
const asPostgres = (bin: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];

async function pg(tool: string, args: string[], timeoutMs = 60_000) {
  const [cmd, argv] = asPostgres(path.join(PGBIN, tool), args);
  try {
    return await run(cmd, argv, { timeout: timeoutMs });
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`${tool} failed: ${e.message}\n${e.stderr ?? ""}`);
  }
}

const startOptions = (port: number) =>
  `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;

export async function startReplicatedPair(): Promise<ReplicatedPair> {
  // Under the test runner's scratch directory when there is one, so a file killed at its time
  // limit still has both clusters stopped by the runner (scripts/reap.ts).
  const parent = process.env.TEST_SCRATCH_DIR ?? os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const root = fs.mkdtempSync(path.join(parent, "replica-pg-"));
  fs.chmodSync(root, 0o755);
  if (process.getuid?.() === 0) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    fs.chownSync(root, Number(stdout.trim()), Number(gid.trim()));
  }
  const primaryDir = path.join(root, "primary");
  const standbyDir = path.join(root, "standby");
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const stop = async () => {
    await stopClustersUnder(root);
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    await pg("initdb", ["-D", primaryDir, "-U", "rapport", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    // Loopback only: ordinary connections and the standby's replication connection.
    fs.writeFileSync(
      path.join(primaryDir, "pg_hba.conf"),
      "host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n",
    );
    fs.appendFileSync(
      path.join(primaryDir, "postgresql.conf"),
      [
        "wal_level = replica",
        "max_wal_senders = 4",
        "hot_standby = on",
        // The standby tells the primary which rows its queries still read, so replay does not
        // cancel a report mid-way (the setting docs/ARCHITECTURE.md recommends).
        "hot_standby_feedback = on",
        // A throwaway test cluster: durability costs time and buys nothing.
        "fsync = off",
        "",
      ].join("\n"),
    );
    await pg("pg_ctl", [
      "-D",
      primaryDir,
      "-l",
      path.join(root, "primary.log"),
      "-w",
      "-o",
      startOptions(primaryPort),
      "start",
    ]);
    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
    await pg("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(primaryPort),
      "-U",
      "rapport",
      "-D",
      standbyDir,
      "-R",
      "-X",
      "stream",
      "--no-sync",
    ]);
    await pg("pg_ctl", [
      "-D",
      standbyDir,
      "-l",
      path.join(root, "standby.log"),
      "-w",
      "-o",
      startOptions(standbyPort),
      "start",
    ]);
  } catch (err) {
    const logs = ["primary.log", "standby.log"]
      .map((f) => path.join(root, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => `--- ${path.basename(f)}\n${fs.readFileSync(f, "utf8").slice(-2000)}`);
    await stop();
    throw new Error(`${(err as Error).message}\n${logs.join("\n")}`);
  }
  const url =
    (port: number) =>
    (name = "postgres") =>
      `postgres://rapport@127.0.0.1:${port}/${name}`;
  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(standbyPort),
    stop,
    stopStandby: async () => {
      await stopClustersUnder(standbyDir);
    },
  };
}
