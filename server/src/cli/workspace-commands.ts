import { createWorkspaceInputSchema } from "../../../contracts/workspaces.ts";
import { createWorkspace, listWorkspaces } from "../modules/workspaces/install-workspaces.service.ts";
import { withDatabase } from "./database.ts";

type Options = {
  name?: string | undefined;
  host?: string | undefined;
  "admin-email"?: string | undefined;
  "admin-password"?: string | undefined;
};

/**
 * `workspace create`: the same rules as POST /api/v1/workspaces, from the server's shell
 * (which is the operator by definition). The id goes on the last line for scripts.
 */
export async function createWorkspaceCommand(opts: Options): Promise<void> {
  const email = opts["admin-email"];
  const password = opts["admin-password"];
  if (password !== undefined && email === undefined) throw new Error("--admin-password needs --admin-email");
  const parsed = createWorkspaceInputSchema.safeParse({
    name: opts.name,
    host: opts.host,
    ...(email !== undefined ? { admin: { email, ...(password !== undefined ? { password } : {}) } } : {}),
  });
  if (!parsed.success) {
    // The contract names API fields; the shell user typed flags.
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    const flag = { "admin.email": "admin-email", "admin.password": "admin-password" }[field] ?? field;
    const given = { name: opts.name, host: opts.host, "admin-email": email, "admin-password": password }[
      flag
    ];
    throw new Error(
      given === undefined ? `--${flag} is required` : `--${flag} ${issue?.message ?? "is invalid"}`,
    );
  }
  const created = await withDatabase((ctx) => createWorkspace(ctx, parsed.data, { userId: null })).catch(
    (err: Error & { field?: string }) => {
      if (err.field === "admin.password") throw new Error("--admin-password is required for a new login");
      throw err;
    },
  );
  console.log(`Created workspace "${created.name}", reached at ${created.url}`);
  if (email) console.log(`${email} is its admin and signs in there.`);
  console.log(created.id);
}

export async function listWorkspacesCommand(): Promise<void> {
  const workspaces = await withDatabase((ctx) => listWorkspaces(ctx));
  if (workspaces.length === 0) {
    console.log("No workspaces yet: open Rapport to run first-run setup, or use workspace create.");
    return;
  }
  for (const w of workspaces) {
    const marks = [w.isOperator ? "operator" : "", w.isDemo ? "demo" : ""].filter(Boolean).join(", ");
    console.log(`${w.id}  ${w.url}  ${w.name}${marks ? `  (${marks})` : ""}`);
  }
}
