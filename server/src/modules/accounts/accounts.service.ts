import type { Role } from "../../../../contracts/accounts.ts";
import { isStaffRole } from "../../platform/auth/permissions.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { audit } from "../audit/audit.ts";
import { linkCustomerForUser } from "../customers/customers.service.ts";
import { assertPasswordAllowed } from "../security/password-policy.ts";
import { urlForHost } from "../workspaces/workspace-url.ts";
import { findWorkspaceForHost, insertWorkspace, lockSetup } from "../workspaces/workspaces.repo.ts";
import { findMembership, insertMembership } from "./memberships.repo.ts";
import { findUserByEmail, insertUser, renameUserIfBlank, setPassword } from "./users.repo.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "log" | "config">;
type DbCtx = Pick<AppContext, "db">;

/**
 * Adds a staff member with a password (the CLI's `admin create`, the demo, tests).
 * On an install with no workspace yet, creates it first, as first-run setup would.
 */
export async function createStaffMember(
  ctx: DbCtx,
  input: { email: string; name: string; password: string; role: Role; workspaceName?: string },
) {
  if (!isStaffRole(input.role)) throw new AppError("validation_failed", "role must be a staff role", "role");
  return inTransaction(ctx.db, async (tx) => {
    await lockSetup(tx);
    const workspace =
      (await findWorkspaceForHost(tx, undefined)) ??
      (await insertWorkspace(tx, input.workspaceName ?? "Rapport"));
    const scope = new TenantScope(tx, workspace.id);
    const user = (await findUserByEmail(tx, input.email)) ?? (await insertUser(tx, input));
    if (await findMembership(scope, user.id)) {
      throw new AppError("conflict", `${input.email} is already a member of ${workspace.name}`, "email");
    }
    const membership = await insertMembership(scope, user.id, input.role);
    await assertPasswordAllowed(scope, input.password, input);
    await setPassword(tx, user.id, input.password);
    await audit(scope, {
      actorUserId: null,
      action: "member.created",
      subjectType: "membership",
      subjectId: membership.id,
      data: { role: input.role, email: user.email },
    });
    await publish(tx, {
      workspaceId: workspace.id,
      audience: { kind: "staff" },
      event: { type: "member.joined", memberId: membership.id, role: input.role },
    });
    return { workspace: { id: workspace.id, name: workspace.name }, user, membershipId: membership.id };
  });
}

/**
 * A one-time link is requested. Staff sign in with their password (and later 2FA), so a link
 * for a staff address is never sent; the answer to the browser is the same either way, so
 * the form cannot be used to find out who is staff.
 */
export async function requestMagicLink(
  ctx: Ctx,
  input: { email: string; url: string; host: string | undefined },
) {
  const workspace = await findWorkspaceForHost(ctx.db, input.host);
  if (!workspace) {
    ctx.log.warn("a sign-in link was requested before setup; ignored");
    return;
  }
  const user = await findUserByEmail(ctx.db, input.email);
  if (user) {
    const membership = await findMembership(new TenantScope(ctx.db, workspace.id), user.id);
    if (membership && isStaffRole(membership.role)) {
      ctx.log.info("sign-in link refused for a staff address; staff sign in with a password");
      return;
    }
  }
  const link = workspace.host
    ? linkOnWorkspaceHost(input.url, urlForHost(ctx.config.publicUrl, workspace.host))
    : input.url;
  // Through the outbox, like every mail Rapport sends: retried, visible when it fails.
  await queueMail(ctx, new TenantScope(ctx.db, workspace.id), {
    kind: "sign_in_link",
    to: input.email,
    subject: `Your sign-in link for ${workspace.name}`,
    text: `Open this link to sign in to ${workspace.name}. It works once, for 15 minutes:\n\n${link}\n`,
    expiresAt: new Date(Date.now() + 15 * 60_000),
    link,
  });
}

/**
 * Better Auth builds links on PUBLIC_URL. A workspace on its own host gets them on that host
 * (taken from the database, never from the request), and so does the page the link returns
 * to, so the session cookie is set where the person then lands: the sign-in that follows
 * joins the workspace of that host.
 */
function linkOnWorkspaceHost(link: string, base: string): string {
  const url = new URL(link);
  const target = new URL(base);
  url.protocol = target.protocol;
  url.host = target.host;
  const callback = url.searchParams.get("callbackURL");
  if (callback?.startsWith("/") && !callback.startsWith("//")) {
    url.searchParams.set("callbackURL", new URL(callback, target).toString());
  }
  return url.toString();
}

/** After a link sign-in: the person becomes (or already is) a customer of the workspace. */
export async function ensureCustomerMembership(
  ctx: DbCtx,
  input: { userId: string; email: string; host: string | undefined },
) {
  await inTransaction(ctx.db, async (tx) => {
    const workspace = await findWorkspaceForHost(tx, input.host);
    if (!workspace) return;
    const scope = new TenantScope(tx, workspace.id);
    const fallbackName = input.email.split("@")[0] ?? input.email;
    await renameUserIfBlank(tx, input.userId, fallbackName);
    const existing = await findMembership(scope, input.userId);
    if (existing && existing.role !== "customer") return;
    const user = await findUserByEmail(tx, input.email);
    await linkCustomerForUser(scope, {
      id: input.userId,
      email: input.email,
      name: user?.name || fallbackName,
    });
    if (existing) return;
    const membership = await insertMembership(scope, input.userId, "customer");
    await audit(scope, {
      actorUserId: input.userId,
      action: "member.joined",
      subjectType: "membership",
      subjectId: membership.id,
      data: { role: "customer", via: "magic_link" },
    });
    await publish(tx, {
      workspaceId: workspace.id,
      audience: { kind: "staff" },
      event: { type: "member.joined", memberId: membership.id, role: "customer" },
    });
  });
}
