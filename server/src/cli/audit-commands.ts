import { sql } from "kysely";
import { verifyChain } from "../modules/audit/verify.ts";
import { withDatabase } from "./database.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `audit verify [--workspace <host|id>]`: checks every workspace's audit chain (or one), prints
 * a line per workspace, and fails (exit 1) naming the first broken record of each broken chain.
 * The operator's shell reads every workspace, as the other install commands do.
 */
export async function auditVerifyCommand(opts: { workspace?: string | undefined }): Promise<void> {
  const broken = await withDatabase(async (ctx) => {
    let q = ctx.db.selectFrom("workspaces").select(["id", "name", "host"]).orderBy("created_at");
    if (opts.workspace !== undefined) {
      const w = opts.workspace.trim();
      q = UUID.test(w) ? q.where("id", "=", w) : q.where(sql<boolean>`lower(host) = ${w.toLowerCase()}`);
    }
    const workspaces = await q.execute();
    if (workspaces.length === 0)
      throw new Error(
        opts.workspace === undefined
          ? "there are no workspaces"
          : `--workspace ${opts.workspace} matches no workspace`,
      );
    const failures: string[] = [];
    for (const w of workspaces) {
      const report = await verifyChain(ctx.db, w.id);
      const label = `${w.name} (${w.host ?? w.id})`;
      if (report.broken) {
        const b = report.broken;
        const line = `${label}: BROKEN at record #${b.seq}${b.id === null ? "" : ` (id ${b.id})`}, ${b.reason}: ${b.detail}`;
        console.log(line);
        failures.push(line);
      } else {
        console.log(`${label}: ok, ${report.records} records`);
      }
    }
    return failures;
  });
  if (broken.length > 0)
    throw new Error(`the audit chain is broken in ${broken.length} workspace(s); first: ${broken[0]}`);
}
