import type {
  CreateWorkspaceInput,
  InstallWorkspace,
  UpdateWorkspaceHostInput,
} from "../../../../contracts/workspaces.ts";
import { forgetAllActors } from "../../platform/auth/actor-cache.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError, forbidden, notFound } from "../../platform/http/errors.ts";
import { insertMembership } from "../accounts/memberships.repo.ts";
import { findUserByEmail, insertUser, setPassword } from "../accounts/users.repo.ts";
import { audit } from "../audit/audit.ts";
import { assertPasswordAllowed } from "../security/password-policy.ts";
import { urlForHost } from "./workspace-url.ts";
import {
  findOperatorWorkspaceId,
  findWorkspaceById,
  hostTaken,
  insertWorkspaceWithHost,
  listAllWorkspaces,
  lockSetup,
  updateWorkspaceRow,
} from "./workspaces.repo.ts";

/**
 * Managing the install's workspaces (tenants). A workspace admin runs their own workspace
 * only; creating, listing and renaming tenants is for the operator: an admin of the
 * install's first workspace (the one first-run setup created), or the CLI on the server.
 */
type Ctx = Pick<AppContext, "db" | "config">;

export async function requireOperator(ctx: Ctx, actor: Actor): Promise<void> {
  const operatorId = await findOperatorWorkspaceId(ctx.db);
  if (actor.role !== "admin" || actor.workspaceId !== operatorId) {
    throw forbidden("Only admins of the install's first workspace manage workspaces");
  }
}

type Row = { id: string; name: string; host: string | null; is_demo: boolean; created_at: Date };

function present(ctx: Ctx, row: Row, operatorId: string | undefined): InstallWorkspace {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    url: urlForHost(ctx.config.publicUrl, row.host),
    isDemo: row.is_demo,
    isOperator: row.id === operatorId,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listWorkspaces(ctx: Ctx): Promise<InstallWorkspace[]> {
  const [rows, operatorId] = await Promise.all([listAllWorkspaces(ctx.db), findOperatorWorkspaceId(ctx.db)]);
  return rows.map((r) => present(ctx, r, operatorId));
}

const hostTakenError = (host: string) =>
  new AppError("conflict", `Another workspace already answers on ${host}`, "host");

/** A workspace on its own host, optionally with its first admin; all of it or nothing. */
export async function createWorkspace(
  ctx: Ctx,
  input: CreateWorkspaceInput,
  by: { userId: string | null; requestId?: string },
): Promise<InstallWorkspace> {
  const id = await inTransaction(ctx.db, async (tx) => {
    // The setup lock also serialises host claims, so two creators cannot both take a host.
    await lockSetup(tx);
    if (await hostTaken(tx, input.host)) throw hostTakenError(input.host);
    const workspace = await insertWorkspaceWithHost(tx, input.name, input.host);
    const scope = new TenantScope(tx, workspace.id);
    let adminMembershipId: string | undefined;
    if (input.admin) {
      const { email, password } = input.admin;
      let user = await findUserByEmail(tx, email);
      if (!user) {
        // A new login needs a password; an existing one keeps its own (never reset from here).
        if (!password) {
          throw new AppError("validation_failed", "A new admin needs a password", "admin.password");
        }
        user = await insertUser(tx, { email, name: input.admin.name ?? email.split("@")[0] ?? email });
        await assertPasswordAllowed(scope, password, user, "admin.password");
        await setPassword(tx, user.id, password);
      }
      adminMembershipId = (await insertMembership(scope, user.id, "admin")).id;
    }
    await audit(scope, {
      actorUserId: by.userId,
      action: "workspace.created",
      subjectType: "workspace",
      subjectId: workspace.id,
      data: { host: input.host, ...(adminMembershipId ? { adminMembershipId } : {}) },
      ...(by.requestId ? { requestId: by.requestId } : {}),
    });
    return workspace.id;
  });
  forgetAllActors();
  return (await listWorkspaces(ctx)).find((w) => w.id === id) as InstallWorkspace;
}

export async function updateWorkspace(
  ctx: Ctx,
  id: string,
  input: UpdateWorkspaceHostInput,
  by: { userId: string | null; requestId?: string },
): Promise<InstallWorkspace> {
  await inTransaction(ctx.db, async (tx) => {
    await lockSetup(tx);
    if (!(await findWorkspaceById(tx, id))) throw notFound("Workspace");
    if (input.host && (await hostTaken(tx, input.host, id))) throw hostTakenError(input.host);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.host !== undefined ? { host: input.host } : {}),
    };
    if (Object.keys(changes).length === 0) return;
    await updateWorkspaceRow(tx, id, changes);
    await audit(new TenantScope(tx, id), {
      actorUserId: by.userId,
      action: "workspace.updated",
      subjectType: "workspace",
      subjectId: id,
      data: changes,
      ...(by.requestId ? { requestId: by.requestId } : {}),
    });
  });
  // Which membership a session resolves to depends on hosts.
  forgetAllActors();
  const found = (await listWorkspaces(ctx)).find((w) => w.id === id);
  if (!found) throw notFound("Workspace");
  return found;
}
