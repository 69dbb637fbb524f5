import { z } from "zod";
import { passwordSchema } from "../../../contracts/accounts.ts";
import { emailSchema } from "../../../contracts/common.ts";
import { createStaffMember } from "../modules/accounts/accounts.service.ts";
import { findActorForUser } from "../modules/accounts/memberships.repo.ts";
import { createApiToken } from "../modules/accounts/tokens.service.ts";
import { findUserByEmail } from "../modules/accounts/users.repo.ts";
import { loadDemo } from "../modules/demo/demo.ts";
import { removeDemoWorkspace } from "../modules/demo/demo-workspace.ts";
import { permissionsOf } from "../platform/auth/permissions.ts";
import { inTransaction } from "../platform/db/tx.ts";
import { startJobs } from "../platform/jobs/queue.ts";
import { auditVerifyCommand } from "./audit-commands.ts";
import { withDatabase } from "./database.ts";
import type { ImportOptions } from "./import-commands.ts";
import { importZendeskInThread } from "./import-thread.ts";
import { citusPlanCommand } from "./scaling-commands.ts";
import { rotateSecretsCommand } from "./secrets-commands.ts";
import { createWorkspaceCommand, listWorkspacesCommand } from "./workspace-commands.ts";

type Options = ImportOptions & {
  email?: string | undefined;
  password?: string | undefined;
  name?: string | undefined;
  workspace?: string | undefined;
  separate?: boolean | undefined;
  host?: string | undefined;
  "admin-email"?: string | undefined;
  "admin-password"?: string | undefined;
  "old-secret-file"?: string | undefined;
  check?: boolean | undefined;
};

/** Validates an option with the same contract the API uses, naming the option when it fails. */
function option<T extends z.ZodType>(name: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(
    value === undefined ? `--${name} is required` : `--${name} ${issue?.message ?? "is invalid"}`,
  );
}

export async function runCommand(positionals: string[], opts: Options): Promise<void> {
  const command = positionals.join(" ");
  switch (command) {
    case "admin create":
    case "agent create": {
      const email = option("email", emailSchema, opts.email);
      const password = option("password", passwordSchema, opts.password);
      const name = option("name", z.string().trim().min(1).max(120), opts.name ?? email.split("@")[0]);
      const role = command === "admin create" ? "admin" : "agent";
      const created = await withDatabase((ctx) =>
        createStaffMember(ctx, {
          email,
          password,
          name,
          role,
          ...(opts.workspace ? { workspaceName: opts.workspace } : {}),
        }),
      );
      console.log(`Created ${role} ${created.user.email} in workspace "${created.workspace.name}".`);
      return;
    }
    case "token create": {
      const email = option("email", emailSchema, opts.email);
      const name = option("name", z.string().trim().min(1).max(100), opts.name);
      const token = await withDatabase(async (ctx) => {
        const user = await findUserByEmail(ctx.db, email);
        const actor = user ? await findActorForUser(ctx.db, user.id, undefined) : undefined;
        if (!actor) throw new Error(`no active member has the email ${email}`);
        const permissions = permissionsOf(actor.role);
        if (!permissions.includes("tokens.manage"))
          throw new Error(`${email} is a ${actor.role}; only staff get API tokens`);
        return createApiToken(ctx, { ...actor, via: "token", permissions }, name);
      });
      console.log(`Created API token "${token.name}" for ${email}. Keep it secret; it is shown only now:`);
      console.log(token.token);
      return;
    }
    case "workspace create":
      return createWorkspaceCommand(opts);
    case "workspace list":
      return listWorkspacesCommand();
    case "migrate":
      await withDatabase(async () => {});
      console.log("Migrations are up to date.");
      return;
    case "demo":
      await withDatabase(async (ctx) => {
        // The community's services enqueue jobs (badges, notifications) that the server's
        // worker runs later; this queue only enqueues.
        const boss = await startJobs(ctx.databaseUrl, ctx.log, { worker: false });
        try {
          const summary = await loadDemo({ ...ctx, boss }, { separate: opts.separate ?? false });
          console.log(summary);
        } finally {
          await boss.stop({ graceful: true, wait: true });
        }
      });
      return;
    case "demo remove": {
      const removed = await withDatabase((ctx) => inTransaction(ctx.db, removeDemoWorkspace));
      console.log(
        removed ? `Removed the demo workspace "${removed}" and its accounts.` : "There is no demo workspace.",
      );
      return;
    }
    case "audit verify":
      return auditVerifyCommand(opts);
    case "secrets rotate":
      return rotateSecretsCommand(opts);
    case "import zendesk":
      return importZendeskInThread(opts);
    case "scaling citus-plan":
      return citusPlanCommand(opts);
    default:
      throw new Error(`unknown command "${command}". Run: npm run rapport -- --help`);
  }
}
