import { createHash } from "node:crypto";
import type pg from "pg";
import { FencingClient } from "./fence.ts";

/**
 * Named prepared statements for the statements the app runs again and again.
 *
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it on every call. For the
 * hot reads (the inbox page, the customer context, the case page) planning cost more than
 * running the query: 0.8 ms of planning against 0.4 ms of execution for an inbox page on the
 * full benchmark dataset. A named statement is parsed once per connection, and after five
 * executions PostgreSQL may switch to a cached generic plan when it is no costlier than the
 * custom ones (plan_cache_mode = auto), which removes planning altogether.
 *
 * Bounds, because each prepared statement holds memory in its backend until the connection
 * closes:
 * - a statement is named only from its second execution in this process, so one-off texts
 *   (ad hoc queries, migrations) never are;
 * - each connection keeps at most PER_CONNECTION named statements; later texts run unnamed;
 * - only statements with parameters are named (texts without any are usually transaction
 *   control, LISTEN or DDL);
 * - pattern and full-text matches (LIKE, ILIKE, SIMILAR TO, regular expressions, @@) are never
 *   named: how many rows they match depends on the pattern itself ("firmware reset" against
 *   "415"), so a plan made once for any value can be ruinous for some. A generic plan for the
 *   search box's message-word branch took 11 s instead of 3 ms at full scale.
 *
 * Disable with DB_PREPARED_STATEMENTS=false when a pooler in transaction mode that does not
 * track prepared statements (older PgBouncer) sits between Rapport and PostgreSQL.
 */
const PER_CONNECTION = 200;
const SEEN_LIMIT = 5_000;

/** Statement text → times seen (bounded: cleared when full, so a flood of unique texts costs nothing lasting). */
const seen = new Map<string, number>();
/** Statement text → its name (a hash, so two different texts never share one), or "" for never. */
const names = new Map<string, string>();

/** Predicates whose selectivity depends on the value matched: always planned for the value. */
const VALUE_DEPENDENT = /\b(?:i?like|similar\s+to)\b|@@|!?~\*?/i;

function nameFor(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined) return known || undefined;
  const count = (seen.get(text) ?? 0) + 1;
  if (count < 2) {
    if (seen.size >= SEEN_LIMIT) seen.clear();
    seen.set(text, count);
    return undefined;
  }
  seen.delete(text);
  if (names.size >= SEEN_LIMIT) return undefined;
  // "" remembers a text that must stay unnamed, so the pattern test runs once per text.
  const name = VALUE_DEPENDENT.test(text) ? "" : `r_${createHash("sha1").update(text).digest("base64url")}`;
  names.set(text, name);
  return name || undefined;
}

type QueryCallback = (err: Error, result: pg.QueryResult) => void;

/** A pg client that runs repeated parameterised statements as named prepared statements. */
export class PreparingClient extends FencingClient {
  readonly #prepared = new Set<string>();

  // pg's query() is heavily overloaded; only the (text, values[, callback]) form is rewritten.
  // biome-ignore lint/suspicious/noExplicitAny: mirrors pg.Client#query's overloads
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && Array.isArray(values) && values.length > 0) {
      const name = nameFor(config);
      if (name && (this.#prepared.has(name) || this.#prepared.size < PER_CONNECTION)) {
        this.#prepared.add(name);
        return super.query({ name, text: config, values }, callback as QueryCallback);
      }
    }
    return super.query(config, values, callback);
  }
}
