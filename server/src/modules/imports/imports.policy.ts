import type { Permission } from "../../../../contracts/accounts.ts";
import type { ImportStatus } from "../../../../contracts/imports.ts";

/**
 * Who may import, and which runs may be cancelled or resumed. Importing writes a whole
 * helpdesk into the workspace with an admin's Zendesk credentials: admins only.
 */
export const IMPORT_PERMISSION: Permission = "workspace.manage";

/** A run still queued or running can be cancelled; one that ended cannot. */
export function canCancel(status: ImportStatus): boolean {
  return status === "queued" || status === "running";
}

/**
 * A run that failed or was cancelled can be resumed (a new run that continues from the
 * checkpoints). A finished run is not resumed: another POST is its delta sync.
 */
export function canResume(status: ImportStatus): boolean {
  return status === "failed" || status === "cancelled";
}

/**
 * A delta sync is kept for an account one real (not dry) run has finished importing: the
 * first full import is done, so every later run is a delta.
 */
export function canKeepInSync(run: { status: ImportStatus; dry_run: boolean }): boolean {
  return run.status === "done" && !run.dry_run;
}
