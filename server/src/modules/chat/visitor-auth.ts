import { createHash, randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { AppError } from "../../platform/http/errors.ts";
import { findVisitorByTokenHash, type VisitorRow } from "./visitors.repo.ts";

/**
 * A widget visitor has no account: the widget keeps a random token in its own storage and
 * sends it as `Authorization: Visitor <token>`. Only the token's sha256 is stored, so a
 * database dump cannot be replayed as visitors. A token reaches only its own visitor's chat.
 */
export const newVisitorToken = () => `vt_${randomBytes(32).toString("base64url")}`;
export const hashVisitorToken = (token: string) => createHash("sha256").update(token).digest("hex");

const TOKEN = /^vt_[A-Za-z0-9_-]{43}$/;

export function looksLikeVisitorToken(token: string): boolean {
  return TOKEN.test(token);
}

/** The visitor a token belongs to, or undefined (unknown, or shut down at logout). */
export async function visitorForToken(
  request: Pick<FastifyRequest, "server">,
  token: string,
): Promise<VisitorRow | undefined> {
  if (!looksLikeVisitorToken(token)) return undefined;
  return findVisitorByTokenHash(request.server.ctx.db, hashVisitorToken(token));
}

/** The calling visitor, or 401 naming the authorization header. */
export async function requireVisitor(
  request: Pick<FastifyRequest, "server" | "headers">,
): Promise<VisitorRow> {
  const token = /^Visitor\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
  if (!token)
    throw new AppError(
      "unauthenticated",
      "Send the visitor token as 'Authorization: Visitor <token>'",
      "authorization",
    );
  const visitor = await visitorForToken(request, token);
  if (!visitor)
    throw new AppError("unauthenticated", "This visitor session is unknown or ended", "authorization");
  return visitor;
}
