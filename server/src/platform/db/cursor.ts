import { type RawBuilder, sql } from "kysely";
import { AppError } from "../http/errors.ts";

/**
 * Keyset-pagination cursors: the sort key of the last row, opaque to clients.
 * A tampered or foreign cursor is a 400 naming `cursor`, never a 500.
 */
export type Keyset = { at: string; id: string };

/**
 * PostgreSQL keeps microseconds, JavaScript dates only milliseconds: a cursor made from a
 * Date would repeat or skip rows. Keyset queries select this exact text form instead.
 */
export function exactTime(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * A timestamp as the API shows it, written by PostgreSQL exactly as Date#toISOString would
 * (milliseconds truncated, as node-postgres does): lists of cases skip parsing four dates per
 * row into Date objects only to print them again (a tenth of an inbox request's CPU).
 */
export function isoTime(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export function encodeCursor(at: Date | string, id: string): string {
  const iso = at instanceof Date ? at.toISOString() : at;
  return Buffer.from(JSON.stringify([iso, id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    // Both parts reach PostgreSQL as typed parameters: anything it would refuse (22P02, 22008)
    // must be refused here, or a tampered cursor becomes a 500.
    if (typeof at === "string" && typeof id === "string" && isTimestamp(at) && UUID.test(id))
      return { at, id };
  } catch {
    // fall through to the error below
  }
  throw new AppError("validation_failed", "cursor is not a cursor this API returned", "cursor");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

/**
 * Only the two forms cursors are written in (exactTime's microseconds, toISOString's
 * milliseconds), for a real calendar instant: Date.parse alone accepts "1", year 0 and
 * 24:00, which PostgreSQL refuses, and rolls 30 February over into March.
 */
function isTimestamp(at: string): boolean {
  const m = TIMESTAMP.exec(at);
  if (!m || Number(m[1]) < 1) return false;
  const parsed = new Date(`${at.slice(0, 19)}Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === at.slice(0, 19);
}

/** Given limit+1 fetched rows, returns the page and the cursor of its last row (if more exist). */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => [Date | string, string]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(...key(last)) : null;
  return { items, nextCursor };
}
