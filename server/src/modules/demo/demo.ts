import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { findMembership, insertMembership } from "../accounts/memberships.repo.ts";
import { findUserByEmail, insertUser, setPassword } from "../accounts/users.repo.ts";
import { findWorkspaceForHost, insertWorkspace, lockSetup } from "../workspaces/workspaces.repo.ts";
import { DEMO_PASSWORD, sample } from "./sample.ts";

/**
 * Loads the sample into the install's workspace (creating it on a fresh install).
 * Safe to run again: people who already exist are left as they are.
 */
export async function loadDemo(ctx: Pick<AppContext, "db" | "config">): Promise<string> {
  const workspace = await inTransaction(ctx.db, async (tx) => {
    await lockSetup(tx);
    const ws = (await findWorkspaceForHost(tx, undefined)) ?? (await insertWorkspace(tx, sample.workspace));
    const scope = new TenantScope(tx, ws.id);
    for (const person of sample.staff) {
      const user =
        (await findUserByEmail(tx, person.email)) ??
        (await insertUser(tx, { ...person, emailVerified: true }));
      if (await findMembership(scope, user.id)) continue;
      await insertMembership(scope, user.id, person.role);
      await setPassword(tx, user.id, DEMO_PASSWORD);
    }
    for (const person of sample.customers) {
      const user =
        (await findUserByEmail(tx, person.email)) ??
        (await insertUser(tx, { ...person, emailVerified: true }));
      if (!(await findMembership(scope, user.id))) await insertMembership(scope, user.id, "customer");
    }
    return ws;
  });

  const url = ctx.config.publicUrl;
  const agent = sample.staff[1];
  const customer = sample.customers[0];
  return [
    `Loaded the sample into workspace "${workspace.name}".`,
    "",
    `Start Rapport (npm start) and open ${url}`,
    "",
    "Sign in as an agent:",
    `  ${url}/login   email ${agent.email}   password ${DEMO_PASSWORD}`,
    `  (admin: ${sample.staff[0].email}, same password)`,
    "",
    "Sign in as a customer:",
    `  ${url}/portal/login   email ${customer.email}`,
    "  The one-time sign-in link is printed in the server log (no outbound mail is configured).",
    "",
    `Sample customers: ${sample.customers.map((c) => c.name).join(", ")}.`,
  ].join("\n");
}
