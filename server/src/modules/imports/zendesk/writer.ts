import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { FileStore } from "../../../platform/storage.ts";
import type { Page, ResourceName, ZendeskSource } from "./resources.ts";

/** What a writer needs besides the page: all of it belongs to one run of one workspace. */
export interface ImportContext {
  /** Bound to the page's transaction: the page's rows and its checkpoint commit together. */
  scope: TenantScope;
  runId: string;
  /** The account imported from, "zendesk:acme.zendesk.com" (import_ids.source). */
  source: string;
  files: FileStore;
  download: ZendeskSource["download"];
  /** Attachments above this are skipped and reported, like inbound email's limit. */
  maxAttachmentBytes: number;
  /**
   * Resolves once every earlier page of this resource has committed (at once for a writer that
   * runs one page at a time). A writer with `overlapKeys` runs beside the page before it and
   * must call this before it writes rows a neighbouring page may also write.
   */
  inTurn(): Promise<void>;
  /**
   * The `overlapKeys` of the page in flight before this one (empty for a writer without them).
   * An export lists a record again on the next page when it changed while being read; the
   * earlier page writes it, so this one leaves it alone rather than wait on the other's claim.
   */
  heldByPageBefore: ReadonlySet<string>;
}

/** A record that was not imported, and why (import_skips; the end-of-run report). */
export interface Skip {
  externalId: string;
  outcome: "skipped" | "failed";
  reason: string;
}

export interface WriteOutcome {
  created: number;
  updated: number;
  skips: Skip[];
}

/**
 * Turns one resource's pages into Rapport rows. Writes are set-based (one multi-row statement
 * per table per page, never one per record) and idempotent through import_ids: writing the same
 * page twice (a resume after a crash between pages) updates instead of duplicating.
 * A malformed record becomes a Skip; a writer throws only when the database itself fails.
 */
export interface ResourceWriter<R extends ResourceName = ResourceName> {
  resource: R;
  /**
   * Dry run: what `write` would do, with no writes. It may read (the id map, to tell created
   * from updated). Unmappable values (field types, very long values, unknown statuses) come
   * back as skips of outcome "skipped", whose reasons the run groups into its report.
   */
  assess(scope: TenantScope, source: string, page: Page<R>): Promise<WriteOutcome>;
  write(ctx: ImportContext, page: Page<R>): Promise<WriteOutcome>;
  /**
   * Present when the writer may run beside the page before it (two transactions at once, so the
   * database works on one while the importer prepares the other). The keys are the rows it
   * inserts that a neighbouring page could insert too (an export that lists a record twice):
   * the page after leaves those to the page in flight (`ctx.heldByPageBefore`). Until `ctx.inTurn()` the
   * writer may only insert such keyed rows and rows of its own; anything shared (a case's
   * activity, report marks) comes after, and so does the checkpoint, in page order.
   */
  overlapKeys?(page: Page<R>): string[];
}
