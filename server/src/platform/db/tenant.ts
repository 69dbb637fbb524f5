import {
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type InsertObject,
  type Kysely,
  type SelectQueryBuilder,
  sql,
  type Transaction,
  type UpdateQueryBuilder,
  type UpdateResult,
} from "kysely";
import { FencePlugin, unfenced } from "./fence.ts";
import { noteScopeWorkspace } from "./request-fence.ts";
import type { Database, TenantTable } from "./schema.ts";

/**
 * The one place where tenant scoping happens. Repositories receive a TenantScope and reach
 * tenant-owned tables only through it, so no query can forget `workspace_id`:
 * selects, updates and deletes get the filter, inserts get the column.
 * (The casts are contained here: Kysely cannot type a filter on a generic table name.)
 */
export type Executor = Kysely<Database> | Transaction<Database>;

export class TenantScope {
  readonly db: Executor;
  readonly workspaceId: string;

  readonly #unfenced: Executor;
  readonly #fenced: boolean;

  constructor(db: Executor, workspaceId: string, opts: { fenced?: boolean } = {}) {
    this.#unfenced = db;
    this.#fenced = opts.fenced ?? true;
    // Every query built on this executor, including those written on `scope.db` directly,
    // runs behind the row-level security fence for this workspace (fence.ts, migration 0077).
    this.db = this.#fenced ? db.withPlugin(new FencePlugin(workspaceId)) : unfenced(db);
    this.workspaceId = workspaceId;
    noteScopeWorkspace(workspaceId);
  }

  /**
   * The same scope without the row-level security fence (its filters stay): only for the
   * search box, whose queries need indexes on predicates PostgreSQL will not run ahead of a
   * policy. Full-text `@@`, ILIKE and trigram similarity are not LEAKPROOF, so behind RLS they
   * are checked row by row after the policy instead of through their GIN indexes: the search
   * bench went from 0.34 s to 3.9 s at p50 (bench/RLS.md). Each use is listed in
   * docs/ARCHITECTURE.md, "Tenancy".
   */
  withoutFence(): TenantScope {
    return new TenantScope(this.#unfenced, this.workspaceId, { fenced: false });
  }

  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Database, T, object> {
    const q = this.db.selectFrom(table as TenantTable) as unknown as SelectQueryBuilder<Database, T, object>;
    return q.where(this.filter(table));
  }

  /** Values may be SQL expressions too (`sql\`clock_timestamp()\``), as in Kysely's own values(). */
  insertInto<T extends TenantTable>(table: T, values: Omit<InsertObject<Database, T>, "workspace_id">) {
    const row = { ...values, workspace_id: this.workspaceId } as unknown as Insertable<Database[T]>;
    return this.db.insertInto(table).values(row);
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
    const q = this.db.updateTable(table as TenantTable) as unknown as UpdateQueryBuilder<
      Database,
      T,
      T,
      UpdateResult
    >;
    return q.where(this.filter(table));
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
    const q = this.db.deleteFrom(table as TenantTable) as unknown as DeleteQueryBuilder<
      Database,
      T,
      DeleteResult
    >;
    return q.where(this.filter(table));
  }

  /** The same scope inside a transaction. */
  with(tx: Transaction<Database>): TenantScope {
    return new TenantScope(tx, this.workspaceId, { fenced: this.#fenced });
  }

  /**
   * The filter names the table the way the query does: by its alias when one is given
   * ("cases as c" filters `c.workspace_id`), which `cases.workspace_id` would not reach.
   */
  private filter(table: string) {
    const name = /\s+as\s+(\w+)\s*$/i.exec(table)?.[1] ?? table.trim();
    return sql<boolean>`${sql.ref(`${name}.workspace_id`)} = ${this.workspaceId}`;
  }
}
