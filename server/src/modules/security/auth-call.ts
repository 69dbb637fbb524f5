import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/http/errors.ts";

/**
 * Calling Better Auth's endpoints from Rapport's routes: the browser's cookies go along as
 * headers, and any cookie Better Auth sets (it rotates the session when 2FA changes) is
 * passed back to the browser.
 */
export function webHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers))
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  return headers;
}

export function forwardCookies(reply: FastifyReply, headers: Headers): void {
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) reply.header("set-cookie", cookies);
}

type AuthFailure = { body?: { code?: string; message?: string }; status?: string | number };

/** Maps Better Auth's refusals to Rapport's error catalogue, naming the field at fault. */
export function authRefusal(field: "password" | "code") {
  return (err: AuthFailure): never => {
    const code = err.body?.code;
    if (code === "INVALID_PASSWORD")
      throw new AppError("validation_failed", "The password is not right", "password");
    if (code === "INVALID_CODE" || code === "INVALID_BACKUP_CODE")
      throw new AppError("validation_failed", "That code is not right (or was used already)", field);
    if (code === "TOTP_ALREADY_ENABLED")
      throw new AppError("conflict", "Two-factor sign-in is already on; turn it off first", field);
    if (code === "TOTP_NOT_ENABLED" || code === "TWO_FACTOR_NOT_ENABLED")
      throw new AppError("conflict", "Start two-factor enrolment first", field);
    if (code === "ACCOUNT_TEMPORARILY_LOCKED" || code === "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE")
      throw new AppError("rate_limited", "Too many wrong codes: wait a few minutes", field);
    throw err;
  };
}
