import { fromNodeHeaders } from "better-auth/node";
import type { FastifyRequest } from "fastify";
import type { Permission } from "../../../../contracts/accounts.ts";
import { findActorForTokenHash, findActorForUser } from "../../modules/accounts/memberships.repo.ts";
import { touchToken } from "../../modules/accounts/tokens.repo.ts";
import { enforceTwoFactor } from "../../modules/security/two-factor-gate.ts";
import { cachedActor } from "../auth/actor-cache.ts";
import { hashApiToken, looksLikeApiToken } from "../auth/api-tokens.ts";
import { permissionsOf } from "../auth/permissions.ts";
import type { Actor } from "../context.ts";
import { TenantScope } from "../db/tenant.ts";
import { checkSameOrigin } from "./csrf.ts";
import { AppError } from "./errors.ts";

/**
 * Works out who is calling: an API token (Authorization: Bearer) or a Better Auth session
 * cookie. A bad token is a 401 even if a cookie is also present: a misconfigured
 * integration should fail loudly, not act as whoever last used the browser.
 */
const recentTouches = new Map<string, number>();

export async function resolveActor(
  request: Pick<FastifyRequest, "server" | "headers">,
): Promise<Actor | undefined> {
  const { db, auth } = request.server.ctx;
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token || !looksLikeApiToken(token)) {
      throw new AppError(
        "unauthenticated",
        "The Authorization header must be 'Bearer <API token>'",
        "authorization",
      );
    }
    const hash = hashApiToken(token);
    const row = await cachedActor(`token:${hash}`, () => findActorForTokenHash(db, hash));
    if (!row) throw new AppError("unauthenticated", "This API token is unknown or revoked", "authorization");
    // Last use is kept to the minute; remembering our own recent touches spares a write per call.
    const now = Date.now();
    if (now - (recentTouches.get(row.tokenId) ?? 0) > 60_000) {
      recentTouches.set(row.tokenId, now);
      if (recentTouches.size > 10_000) recentTouches.clear();
      await touchToken(new TenantScope(db, row.workspaceId), row.tokenId);
    }
    const { tokenId: _t, lastUsedAt: _l, ...actor } = row;
    return { ...actor, via: "token", permissions: permissionsOf(actor.role) };
  }
  const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!session) return undefined;
  const userId = session.user.id;
  const host = request.headers.host;
  const row = await cachedActor(`user:${userId}:${host ?? ""}`, () => findActorForUser(db, userId, host));
  if (!row) return undefined;
  return { ...row, via: "session", permissions: permissionsOf(row.role) };
}

/**
 * preValidation hook for routes that need a signed-in caller, optionally with a permission.
 * It runs before body validation, so strangers learn nothing about a route's input rules.
 * Cookie-authenticated writes must also come from our own origin (CSRF).
 */
export function requireActor(permission?: Permission) {
  // Takes only the request fields it uses, so it fits every route's typed request.
  return async (
    request: Pick<FastifyRequest, "server" | "headers" | "method" | "actor"> & {
      routeOptions?: { url?: string | undefined };
    },
  ) => {
    const actor = await resolveActor(request);
    if (!actor) throw new AppError("unauthenticated", "Sign in, or send an API token");
    if (actor.via === "session") checkSameOrigin(request);
    if (permission && !actor.permissions.includes(permission)) {
      throw new AppError("forbidden", `Your role (${actor.role}) may not do this`);
    }
    // Required 2FA (issue #23): an unenrolled member of such a role may only enrol.
    await enforceTwoFactor(request, actor);
    request.actor = actor;
  };
}

/**
 * preValidation hook for routes anyone may call (the public help center): a valid credential
 * sets the actor, none leaves it unset, and a bad token is still a 401.
 */
export function optionalActor() {
  return async (request: Pick<FastifyRequest, "server" | "headers" | "method" | "actor">) => {
    const actor = await resolveActor(request);
    if (actor?.via === "session" && request.method !== "GET" && request.method !== "HEAD")
      checkSameOrigin(request);
    request.actor = actor;
  };
}

/** The actor set by requireActor; routes behind it can rely on it. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", "Sign in, or send an API token");
  return request.actor;
}
