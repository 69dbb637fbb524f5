import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type PostgresDialectConfig,
  type QueryResult,
  type RootOperationNode,
  type TransactionSettings,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import { requestWorkspace } from "./request-fence.ts";

/**
 * The second tenancy fence (issue #23): queries issued through a TenantScope run as the role
 * rapport_app with the setting rapport.workspace_id naming the scope's workspace, so the
 * row-level security policies of migration 0077 hide every other workspace's rows even from a
 * query that forgot its `workspace_id` filter (a join written on `scope.db`, raw SQL).
 *
 * How a query carries its workspace down to the connection, without an extra round trip when
 * nothing changes:
 * 1. TenantScope's executor has a FencePlugin, which notes the workspace of every query it
 *    builds (in a WeakMap keyed by the query's tree, so nothing outlives the query).
 * 2. FencedDialect's connections look that note up when the query runs and leave it in
 *    `pending` just before the pg client's query() is called (synchronously, so no other query
 *    can come in between).
 * 3. FencingClient (every pool client) compares what the query needs with what its session
 *    already has: a scoped query needs (rapport_app, workspace); any other query needs the
 *    login role with no workspace. Only when they differ does it first send one set_config
 *    statement (queued on the same connection, so it runs first). A single-workspace install
 *    pays one statement per connection and switch between system and scoped work.
 *
 * Settings changed inside a transaction that rolls back are undone by PostgreSQL, so after any
 * ROLLBACK the client forgets what its session holds and sets it again on the next query.
 * Queries that bypass Kysely (pool.query) carry no workspace, so they always run as the login
 * role with the workspace cleared: a previous scope's setting never leaks into them.
 *
 * Behind a transaction pooler (PgBouncer in transaction mode: DATABASE_DIRECT_URL set, see
 * direct.ts) a session setting would stay on whichever server connection ran it and leak to
 * another client's next transaction. There the client sets nothing for the session: the
 * switch is transaction-local (set_config(…, true)), made inside the caller's transaction, and
 * a scoped query outside one is wrapped in its own begin … commit (two more round trips), so
 * the switch and the query share one server connection. Between transactions every server
 * connection is at the login role with no workspace.
 */
export const FENCE_ROLE = "rapport_app";

/** Whether the fence is up: set once the role exists and the login role may switch to it. */
export const fence = {
  enabled: false,
  /** set_config statements sent so far (the cost of the fence, watched by fence.test.ts). */
  switches: 0,
};

/**
 * Scoped query trees → their workspace. Keyed by the tree, not the query id: a raw `sql`
 * template keeps one id however many executors run it, while the tree the plugin hands on is
 * a fresh copy for each run through a scope (and is the compiled query's `query`).
 */
const workspaceOfQuery = new WeakMap<RootOperationNode, string>();

/** Notes the scope's workspace on each query it builds; changes nothing in the query. */
export class FencePlugin implements KyselyPlugin {
  readonly #workspaceId: string;

  constructor(workspaceId: string) {
    this.#workspaceId = workspaceId;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = Object.freeze({ ...args.node });
    workspaceOfQuery.set(node, this.#workspaceId);
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Marks each query it builds as deliberately outside the fence: it runs as the login role even
 * inside a request that is fenced to its workspace (request-fence.ts). Only through `unfenced()`.
 */
class UnfencedPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = Object.freeze({ ...args.node });
    workspaceOfQuery.set(node, SYSTEM);
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const unfencedPlugin = new UnfencedPlugin();

/**
 * The executor's queries run as the login role, outside row-level security, even inside a
 * request fenced to its workspace. Each use says why at the call: a look-up across workspaces
 * (which workspaces a login belongs to), or a search whose indexed predicates PostgreSQL will not
 * use behind a policy, with its own workspace filter written out.
 */
export function unfenced<E extends { withPlugin(plugin: KyselyPlugin): E }>(executor: E): E {
  return executor.withPlugin(unfencedPlugin);
}

/**
 * The same for one compiled query handed straight to `executeQuery`, which no plugin sees: the
 * job queue's own SQL (jobs/enqueue.ts) is not tenant data, and the fenced role has no rights
 * on pg-boss's schema (which pg-boss makes after the fence's grants, on a first start).
 */
export function unfencedQuery<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  workspaceOfQuery.set(query.query, SYSTEM);
  return query;
}

/** The workspace the next pg query() call runs for ("" when unscoped); read once by FencingClient. */
let pending: string | undefined;

/** A workspace id only ever reaches SQL as a parameter, but its shape is checked anyway. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SYSTEM = "";
/** What the session holds: SYSTEM, a workspace id, or undefined when unknown (after a rollback). */
const sessionState = Symbol("fence state");

const TRANSACTION_CONTROL = /^\s*(?:begin|start\s+transaction|commit|rollback|savepoint|release)\b/i;
const TRANSACTION_START = /^\s*(?:begin|start\s+transaction)\b/i;
/** Ends the transaction (a rollback to a savepoint does not). */
const TRANSACTION_END = /^\s*(?:commit|end|abort|rollback(?!\s+to\b))\b/i;

type QueryCallback = (err: Error, result: pg.QueryResult) => void;
// biome-ignore lint/suspicious/noExplicitAny: pg.Client#query's arguments, passed on as they came
type PgArg = any;

/** A pg client that switches its session to the fenced role before a scoped query needs it. */
export class FencingClient extends pg.Client {
  [sessionState]: string | undefined = SYSTEM;
  /** Behind a transaction pooler: no session settings (createPool's `transactionPooler`). */
  readonly #pooled: boolean;
  /** Whether this client has a transaction open (tracked only when pooled). */
  #inTransaction = false;

  constructor(config?: pg.ClientConfig & { transactionPooler?: boolean }) {
    super(config);
    this.#pooled = config?.transactionPooler === true;
  }

  // biome-ignore lint/suspicious/noExplicitAny: mirrors pg.Client#query's overloads
  override query(config: any, values?: any, callback?: any): any {
    const wanted = pending ?? SYSTEM;
    pending = undefined;
    // Off (DB_TENANT_FENCE=off): every query of the app passes here, so it pays nothing more.
    if (!fence.enabled) return super.query(config, values, callback as QueryCallback);
    const text: unknown = typeof config === "string" ? config : config?.text;
    const control = typeof text === "string" && TRANSACTION_CONTROL.test(text);
    if (this.#pooled) return this.#pooledQuery(wanted, text, control, config, values, callback);
    // Transaction control reads no table: it runs in whatever state the session is in.
    if (!control && this[sessionState] !== wanted) this.#switchTo(wanted);
    // A rollback (of the transaction or to a savepoint) may undo a switch made inside it.
    if (control && /^\s*rollback\b/i.test(text as string)) this[sessionState] = undefined;
    return super.query(config, values, callback as QueryCallback);
  }

  /** The fence behind a transaction pooler: transaction-local switches only (see the top). */
  #pooledQuery(
    wanted: string,
    text: unknown,
    control: boolean,
    config: PgArg,
    values: PgArg,
    callback: PgArg,
  ): unknown {
    if (control) {
      // Every transaction starts on a server connection at the login role with no workspace.
      if (TRANSACTION_START.test(text as string)) {
        this.#inTransaction = true;
        this[sessionState] = SYSTEM;
      } else if (TRANSACTION_END.test(text as string)) {
        this.#inTransaction = false;
        this[sessionState] = SYSTEM;
      } else if (/^\s*rollback\b/i.test(text as string)) this[sessionState] = undefined;
      return super.query(config, values, callback);
    }
    if (this.#inTransaction) {
      if (this[sessionState] !== wanted) this.#switchTo(wanted, true);
      return super.query(config, values, callback);
    }
    if (wanted === SYSTEM) return super.query(config, values, callback);
    // A scoped query on its own: its own transaction, queued as begin with the switch (one round
    // trip: the id is a checked UUID, so it may be written into the text), the query, and commit
    // on this connection (pg runs them in order). A failed query makes the commit a rollback.
    if (!UUID.test(wanted)) throw new Error(`not a workspace id: ${wanted}`);
    fence.switches++;
    super
      .query(
        `begin; select set_config('role', '${FENCE_ROLE}', true), set_config('rapport.workspace_id', '${wanted}', true)`,
      )
      .catch(() => {});
    this[sessionState] = SYSTEM;
    // The caller hears of its query only once the commit is done (issue #25). A write reported
    // done before then (a case created by one statement, cases.service.ts) could be missed by
    // the request that follows, which the pooler may run on another server connection while the
    // commit is still on its way; and a commit that fails (a deferred constraint) would be lost.
    // A cursor (a Submittable) is read row by row: its commit simply queues behind it.
    if (typeof config?.submit === "function") {
      const cursor = super.query(config, values, callback);
      super.query("commit").catch(() => {});
      return cursor;
    }
    const done: QueryCallback | undefined = typeof values === "function" ? values : callback;
    const answered = super.query(config, done === values ? undefined : values) as Promise<pg.QueryResult>;
    const committed = super.query("commit") as unknown as Promise<unknown>;
    committed.catch(() => {}); // handled below, once the query has answered (pg keeps their order)
    const settled = answered.then(
      (res) => committed.then(() => res),
      async (err) => {
        await committed.catch(() => {});
        throw err;
      },
    );
    if (!done) return settled;
    settled.then(
      (res) => done(null as unknown as Error, res),
      (err: Error) => done(err, undefined as unknown as pg.QueryResult),
    );
    return undefined;
  }

  #switchTo(wanted: string, local = false) {
    if (wanted !== SYSTEM && !UUID.test(wanted)) throw new Error(`not a workspace id: ${wanted}`);
    this[sessionState] = wanted;
    fence.switches++;
    const text =
      wanted === SYSTEM
        ? `select set_config('role', 'none', ${local}), set_config('rapport.workspace_id', '', ${local})`
        : `select set_config('role', '${FENCE_ROLE}', ${local}), set_config('rapport.workspace_id', $1, ${local})`;
    // Queued before the query that needs it; pg runs a connection's queries in order. A failure
    // here (only inside an already aborted transaction) fails the next query the same way.
    const done = super.query(text, wanted === SYSTEM ? [] : [wanted]) as unknown as Promise<unknown>;
    done.catch(() => {
      this[sessionState] = undefined;
    });
  }
}

/** PostgresDialect whose connections hand each query's workspace to FencingClient. */
export class FencedDialect extends PostgresDialect {
  constructor(config: PostgresDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new FencedDriver(super.createDriver());
  }
}

class FencedConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;

  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // A scope's (or unfenced()'s) mark first; else the request's workspace (request-fence.ts).
    pending = workspaceOfQuery.get(query.query) ?? requestWorkspace();
    try {
      return this.inner.executeQuery<R>(query);
    } finally {
      pending = undefined;
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    const rows = this.inner.streamQuery<R>(query, chunkSize);
    pending = workspaceOfQuery.get(query.query) ?? requestWorkspace();
    try {
      // The inner generator calls the client's query() on its first step, synchronously.
      const first = rows.next();
      pending = undefined;
      const step = await first;
      if (step.done) return;
      yield step.value;
      yield* rows;
    } finally {
      pending = undefined;
    }
  }
}

class FencedDriver implements Driver {
  readonly #wrapped = new WeakMap<DatabaseConnection, FencedConnection>();

  readonly inner: Driver;

  constructor(inner: Driver) {
    this.inner = inner;
  }

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const conn = await this.inner.acquireConnection();
    let fenced = this.#wrapped.get(conn);
    if (!fenced) {
      fenced = new FencedConnection(conn);
      this.#wrapped.set(conn, fenced);
    }
    return fenced;
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(conn, settings);
  }

  commitTransaction(conn: DatabaseConnection) {
    return this.inner.commitTransaction(conn);
  }

  rollbackTransaction(conn: DatabaseConnection) {
    return this.inner.rollbackTransaction(conn);
  }

  savepoint(
    conn: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver["savepoint"]>>[2],
  ) {
    return this.inner.savepoint?.(conn, name, compile) ?? Promise.resolve();
  }

  rollbackToSavepoint(
    conn: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver["rollbackToSavepoint"]>>[2],
  ) {
    return this.inner.rollbackToSavepoint?.(conn, name, compile) ?? Promise.resolve();
  }

  releaseSavepoint(
    conn: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver["releaseSavepoint"]>>[2],
  ) {
    return this.inner.releaseSavepoint?.(conn, name, compile) ?? Promise.resolve();
  }

  releaseConnection(conn: DatabaseConnection) {
    return this.inner.releaseConnection((conn as FencedConnection).inner);
  }

  destroy() {
    return this.inner.destroy();
  }
}
