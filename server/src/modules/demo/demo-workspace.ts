import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findMembership, insertMembership } from "../accounts/memberships.repo.ts";
import { findUserByEmail, insertUser, setPassword } from "../accounts/users.repo.ts";
import { lockSetup } from "../workspaces/workspaces.repo.ts";
import { sample } from "./sample.ts";

/**
 * The demo's own workspace. The demo only ever writes into a workspace marked `is_demo`, which
 * it created itself: on a database that already serves a real team it refuses, unless asked
 * for a separate demo workspace, which then answers on its own host name so the real
 * workspace stays the one every other host name serves.
 */
export const DEMO_HOST = "demo.localhost";

export class DemoRefused extends Error {}

export type DemoWorkspace = { id: string; name: string; host: string | null; created: boolean };

export async function claimDemoWorkspace(tx: Executor, separate: boolean): Promise<DemoWorkspace> {
  await lockSetup(tx);
  const existing = await tx
    .selectFrom("workspaces")
    .select(["id", "name", "host"])
    .where("is_demo", "=", true)
    .orderBy("created_at")
    .executeTakeFirst();
  if (existing) return { ...existing, created: false };
  const real = await tx.selectFrom("workspaces").select("name").orderBy("created_at").execute();
  if (real.length > 0 && !separate) {
    throw new DemoRefused(
      [
        `This database already has a workspace ("${real[0]?.name}"), and the demo never loads into a real one.`,
        "To try the sample company beside it, load it into a separate workspace:",
        "  npm run demo -- --separate",
        `It answers on http://${DEMO_HOST}:<port> and can be removed again with: npm run rapport -- demo remove`,
      ].join("\n"),
    );
  }
  const ws = await tx
    .insertInto("workspaces")
    .values({ name: sample.workspace, is_demo: true, host: real.length > 0 ? DEMO_HOST : null })
    .returning(["id", "name", "host"])
    .executeTakeFirstOrThrow();
  return { ...ws, created: true };
}

/**
 * Adds the sample staff to the demo workspace with one fresh random password, printed once by
 * the caller. A login that already exists is touched only if the demo workspace is its sole
 * membership: the demo must never reset a real person's password.
 */
export async function enrolDemoStaff(tx: Executor, workspaceId: string, password: string): Promise<void> {
  const scope = new TenantScope(tx, workspaceId);
  for (const person of sample.staff) {
    const found = await findUserByEmail(tx, person.email);
    if (found && (await otherMemberships(tx, found.id, workspaceId)) > 0) {
      throw new DemoRefused(`${person.email} already belongs to a real workspace; the demo leaves it alone.`);
    }
    const user = found ?? (await insertUser(tx, { ...person, emailVerified: true }));
    if (!(await findMembership(scope, user.id))) await insertMembership(scope, user.id, person.role);
    await setPassword(tx, user.id, password);
  }
}

/** Twelve random bytes in base64url: 16 characters, easy to paste, impossible to guess. */
export function newDemoPassword(): string {
  return `demo-${randomBytes(12).toString("base64url")}`;
}

/**
 * Deletes the demo workspace (every workspace-owned row goes with it, by cascade) and the logins
 * that belonged to it alone. Returns the removed workspace's name, or null when there was none.
 */
export async function removeDemoWorkspace(tx: Executor): Promise<string | null> {
  await lockSetup(tx);
  const ws = await tx
    .selectFrom("workspaces")
    .select(["id", "name"])
    .where("is_demo", "=", true)
    .executeTakeFirst();
  if (!ws) return null;
  const members = await tx
    .selectFrom("memberships")
    .select("user_id")
    .where("workspace_id", "=", ws.id)
    .execute();
  await tx.deleteFrom("workspaces").where("id", "=", ws.id).execute();
  const userIds = members.map((m) => m.user_id);
  if (userIds.length > 0) {
    await tx
      .deleteFrom("auth.user")
      .where("id", "in", userIds)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("memberships")
              .select(sql`1`.as("one"))
              .whereRef("memberships.user_id", "=", "auth.user.id"),
          ),
        ),
      )
      .execute();
  }
  return ws.name;
}

async function otherMemberships(tx: Executor, userId: string, workspaceId: string): Promise<number> {
  const row = await tx
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("workspace_id", "<>", workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
