import type { Role } from "../../../../contracts/accounts.ts";
import { hashApiToken, newApiToken } from "../../platform/auth/api-tokens.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { findMembership, insertMembership } from "../accounts/memberships.repo.ts";
import { findUserByEmail, insertUser, setPassword } from "../accounts/users.repo.ts";
import { audit } from "../audit/audit.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

const INVITE_DAYS = 7;

/**
 * Admins invite staff by email. The link carries a random token (stored hashed, like API
 * tokens) that works once, for a week. Until outbound mail is configured it is logged.
 */
export async function inviteStaff(ctx: Ctx, actor: Actor, input: { email: string; role: Role }) {
  const { token, hash } = newApiToken();
  const invitation = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const user = await findUserByEmail(tx, input.email);
    if (user && (await findMembership(scope, user.id))) {
      throw new AppError("conflict", `${input.email} is already a member of this workspace`, "email");
    }
    const row = await scope
      .insertInto("invitations", {
        email: input.email,
        role: input.role,
        token_hash: hash,
        invited_by: actor.userId,
        expires_at: new Date(Date.now() + INVITE_DAYS * 86_400_000),
        accepted_at: null,
      })
      .returning([
        "id",
        "email",
        "role",
        "expires_at as expiresAt",
        "accepted_at as acceptedAt",
        "created_at as createdAt",
      ])
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: row.id,
      data: { email: input.email, role: input.role },
    });
    return row;
  });
  // On the workspace's own host, where the invitee will then sign in as its member.
  const link = `${await workspaceUrl(ctx, actor.workspaceId)}/invite/${encodeURIComponent(token)}`;
  await queueMail(ctx, new TenantScope(ctx.db, actor.workspaceId), {
    kind: "invitation",
    to: input.email,
    subject: `${actor.name} invited you to ${actor.workspaceName} on Rapport`,
    text: `${actor.name} invited you to join ${actor.workspaceName} as ${input.role}.\n\nAccept within ${INVITE_DAYS} days:\n${link}\n`,
    expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
    link,
  });
  return presentInvitation(invitation);
}

export function presentInvitation(r: {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: r.id,
    email: r.email,
    role: r.role as "agent",
    expiresAt: r.expiresAt.toISOString(),
    acceptedAt: r.acceptedAt ? r.acceptedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listInvitations(ctx: Ctx, actor: Actor) {
  const rows = await new TenantScope(ctx.db, actor.workspaceId)
    .selectFrom("invitations")
    .select([
      "id",
      "email",
      "role",
      "expires_at as expiresAt",
      "accepted_at as acceptedAt",
      "created_at as createdAt",
    ])
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return { items: rows.map(presentInvitation) };
}

async function findOpenInvitation(ctx: Pick<AppContext, "db">, token: string, lock = false) {
  let q = ctx.db
    .selectFrom("invitations as i")
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .select([
      "i.id",
      "i.workspace_id as workspaceId",
      "i.email",
      "i.role",
      "i.expires_at as expiresAt",
      "i.accepted_at as acceptedAt",
      "w.name as workspaceName",
    ])
    .where("i.token_hash", "=", hashApiToken(token));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || row.acceptedAt || row.expiresAt < new Date()) {
    throw new AppError(
      "not_found",
      "This invitation link is unknown, used or expired; ask for a new one",
      "token",
    );
  }
  return row;
}

/** What the invitation page shows before the person accepts. */
export async function previewInvitation(ctx: Pick<AppContext, "db">, token: string) {
  const inv = await findOpenInvitation(ctx, token);
  return { email: inv.email, role: inv.role as "agent", workspaceName: inv.workspaceName };
}

/** Accepting creates the login (or reuses an existing one) and the membership, once. */
export async function acceptInvitation(
  ctx: Pick<AppContext, "db">,
  input: { token: string; name: string; password: string },
) {
  return inTransaction(ctx.db, async (tx) => {
    const inv = await findOpenInvitation({ db: tx as unknown as AppContext["db"] }, input.token, true);
    const scope = new TenantScope(tx, inv.workspaceId);
    const user =
      (await findUserByEmail(tx, inv.email)) ??
      (await insertUser(tx, { email: inv.email, name: input.name, emailVerified: true }));
    if (await findMembership(scope, user.id))
      throw new AppError("conflict", "You are already a member of this workspace");
    const membership = await insertMembership(scope, user.id, inv.role);
    await setPassword(tx, user.id, input.password);
    await scope
      .updateTable("invitations")
      .set({ accepted_at: new Date() })
      .where("id", "=", inv.id)
      .execute();
    await audit(scope, {
      actorUserId: user.id,
      action: "invitation.accepted",
      subjectType: "membership",
      subjectId: membership.id,
      data: { role: inv.role },
    });
    await publish(tx, {
      workspaceId: inv.workspaceId,
      audience: { kind: "staff" },
      event: { type: "member.joined", memberId: membership.id, role: inv.role },
    });
    return { email: user.email };
  });
}
