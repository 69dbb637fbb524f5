import type { Role } from "../../../../contracts/accounts.ts";
import { hashApiToken, newApiToken } from "../../platform/auth/api-tokens.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { type Executor, TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { hasRelay } from "../../platform/mail/relay.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { findMembership, insertMembership } from "../accounts/memberships.repo.ts";
import { checkOwnPassword, findUserByEmail, insertUser, setPassword } from "../accounts/users.repo.ts";
import { audit } from "../audit/audit.ts";
import { assertPasswordAllowed } from "../security/password-policy.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

const INVITE_DAYS = 7;

const COLUMNS = [
  "id",
  "email",
  "role",
  "expires_at as expiresAt",
  "accepted_at as acceptedAt",
  "revoked_at as revokedAt",
  "created_at as createdAt",
] as const;

/**
 * Admins invite staff by email. The link carries a random token (stored hashed, like API
 * tokens) that works once, for a week. Until outbound mail is configured it is logged and
 * handed back to the admin (only at creation or resend: the stored hash cannot give it back).
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
      .returning(COLUMNS)
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
  return { ...presentInvitation(invitation), link: await mailInvitation(ctx, actor, invitation, token) };
}

/** Queues the invitation mail; returns the link when no relay can send it, for the admin to pass on. */
async function mailInvitation(
  ctx: Ctx,
  actor: Actor,
  inv: { email: string; role: Role; expiresAt: Date },
  token: string,
): Promise<string | null> {
  // On the workspace's own host, where the invitee will then sign in as its member.
  const link = `${await workspaceUrl(ctx, actor.workspaceId)}/invite/${encodeURIComponent(token)}`;
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await queueMail(ctx, scope, {
    kind: "invitation",
    to: inv.email,
    subject: `${actor.name} invited you to ${actor.workspaceName} on Rapport`,
    text: `${actor.name} invited you to join ${actor.workspaceName} as ${inv.role}.\n\nAccept within ${INVITE_DAYS} days:\n${link}\n`,
    expiresAt: inv.expiresAt,
    link,
  });
  return (await hasRelay({ db: ctx.db, config: ctx.config }, actor.workspaceId)) ? null : link;
}

/** An invitation that can still change: not accepted (and, for resending, not revoked). */
async function lockOpen(scope: TenantScope, id: string) {
  const row = await scope
    .selectFrom("invitations")
    .select(COLUMNS)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound("Invitation");
  if (row.acceptedAt) throw new AppError("conflict", `${row.email} has already accepted this invitation`);
  return row;
}

/** Mail still waiting with an older link for this address is dropped: that link no longer works. */
async function dropWaitingMail(scope: TenantScope, email: string) {
  await scope
    .updateTable("outbound_mail")
    .set({ status: "expired", body: "(removed: it held a one-time link)" })
    .where("kind", "=", "invitation")
    .where("to_address", "=", email)
    .where("status", "in", ["queued", "failed"])
    .execute();
}

/** A fresh link (the old one stops working) valid for another week, sent again. */
export async function resendInvitation(ctx: Ctx, actor: Actor, id: string) {
  const { token, hash } = newApiToken();
  const invitation = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const open = await lockOpen(scope, id);
    if (open.revokedAt)
      throw new AppError("conflict", "This invitation was revoked; invite the person again");
    await dropWaitingMail(scope, open.email);
    const row = await scope
      .updateTable("invitations")
      .set({ token_hash: hash, expires_at: new Date(Date.now() + INVITE_DAYS * 86_400_000) })
      .where("id", "=", id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "invitation.resent",
      subjectType: "invitation",
      subjectId: id,
      data: { email: row.email },
    });
    return row;
  });
  return { ...presentInvitation(invitation), link: await mailInvitation(ctx, actor, invitation, token) };
}

/** Takes an invitation back: its link stops working at once. */
export async function revokeInvitation(ctx: Ctx, actor: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const open = await lockOpen(scope, id);
    if (open.revokedAt) return presentInvitation(open);
    await dropWaitingMail(scope, open.email);
    const row = await scope
      .updateTable("invitations")
      .set({ revoked_at: new Date() })
      .where("id", "=", id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: id,
      data: { email: row.email },
    });
    return presentInvitation(row);
  });
}

export function presentInvitation(r: {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: r.id,
    email: r.email,
    role: r.role as "agent",
    expiresAt: r.expiresAt.toISOString(),
    acceptedAt: r.acceptedAt ? r.acceptedAt.toISOString() : null,
    revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listInvitations(ctx: Ctx, actor: Actor) {
  const rows = await new TenantScope(ctx.db, actor.workspaceId)
    .selectFrom("invitations")
    .select(COLUMNS)
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
      "i.revoked_at as revokedAt",
      "w.name as workspaceName",
    ])
    .where("i.token_hash", "=", hashApiToken(token));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt < new Date()) {
    throw new AppError(
      "not_found",
      "This invitation link is unknown, used or expired; ask for a new one",
      "token",
    );
  }
  return row;
}

async function assertOwnLogin(db: Executor, userId: string, password: string) {
  const check = await checkOwnPassword(db, userId, password);
  if (check === "right") return;
  if (check === "no-password") {
    throw new AppError(
      "conflict",
      "This address signs in without a password (single sign-on or a sign-in link); ask the admin to add you instead",
      "password",
    );
  }
  throw new AppError(
    "forbidden",
    "This address already has a Rapport login: enter its current password to join",
    "password",
  );
}

/** What the invitation page shows before the person accepts. */
export async function previewInvitation(ctx: Pick<AppContext, "db">, token: string) {
  const inv = await findOpenInvitation(ctx, token);
  // An address that already has a login joins with its own password; the page asks for that.
  const existingLogin = Boolean(await findUserByEmail(ctx.db, inv.email));
  return { email: inv.email, role: inv.role as "agent", workspaceName: inv.workspaceName, existingLogin };
}

/** Accepting creates the login (or reuses an existing one) and the membership, once. */
export async function acceptInvitation(
  ctx: Pick<AppContext, "db">,
  input: { token: string; name?: string | undefined; password: string },
) {
  return inTransaction(ctx.db, async (tx) => {
    const inv = await findOpenInvitation({ db: tx as unknown as AppContext["db"] }, input.token, true);
    const scope = new TenantScope(tx, inv.workspaceId);
    const existing = await findUserByEmail(tx, inv.email);
    if (!existing && !input.name) throw new AppError("validation_failed", "name is required", "name");
    const name = input.name ?? "";
    const user = existing ?? (await insertUser(tx, { email: inv.email, name, emailVerified: true }));
    if (await findMembership(scope, user.id))
      throw new AppError("conflict", "You are already a member of this workspace");
    if (existing) {
      // The link may have been handed to the inviting admin (no mail relay): whoever holds it
      // must never set the password of a login that already exists, or an admin of one
      // workspace could take over a person's login in another. The person proves it is theirs.
      await assertOwnLogin(tx, existing.id, input.password);
    } else {
      await assertPasswordAllowed(scope, input.password, { email: inv.email, name });
      await setPassword(tx, user.id, input.password);
    }
    const membership = await insertMembership(scope, user.id, inv.role);
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
