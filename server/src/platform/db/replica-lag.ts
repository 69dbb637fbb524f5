import type pg from "pg";

/** What one look at the replica found. */
export type LagSample =
  | { reachable: true; standby: boolean; lagSeconds: number | null }
  | { reachable: false; error: string };

/**
 * How far the standby's replay is behind, in seconds.
 *
 * `now() - pg_last_xact_replay_timestamp()` alone grows forever on a quiet installation (the
 * last replayed commit gets older while there is nothing to replay), so the lag is 0 whenever
 * everything received has been replayed. While something waits to be replayed, it is the age of
 * the last replayed commit: an upper bound on the real lag (after a long quiet spell the first
 * new commit shows the whole quiet time until it is replayed, which only sends reads to the
 * primary for a moment). Unknown (null) when the standby has received WAL but replayed no
 * transaction since it started: treated as too far behind.
 */
const LAG_SQL = `select pg_is_in_recovery() as standby,
  case
    when not pg_is_in_recovery() then 0
    when pg_last_wal_receive_lsn() is not null and pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
    else greatest(0, extract(epoch from now() - pg_last_xact_replay_timestamp()))
  end::float8 as lag`;

/** Samples the lag through `pool`, giving up after `timeoutMs` (an unreachable host hangs). */
export async function sampleLag(pool: pg.Pool, timeoutMs: number): Promise<LagSample> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const query = pool.query<{ standby: boolean; lag: number | null }>(LAG_SQL);
    // A query still running when the timeout wins must not become an unhandled rejection.
    query.catch(() => {});
    const { rows } = await Promise.race([query, timeout]);
    const row = rows[0];
    return { reachable: true, standby: Boolean(row?.standby), lagSeconds: row?.lag ?? null };
  } catch (err) {
    return { reachable: false, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
