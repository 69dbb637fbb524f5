import type { FastifyRequest } from "fastify";
import { AppError } from "./errors.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated writes: the browser must say the request comes from
 * our own origin. Browsers always send Origin on cross-site and same-site POST/PATCH/DELETE,
 * and Sec-Fetch-Site when they support it; a forged cross-site form carries neither as ours.
 * Cookies are also SameSite=Lax. Token-authenticated calls carry no ambient credential,
 * so they need no check.
 */
export function checkSameOrigin(request: Pick<FastifyRequest, "server" | "headers" | "method">): void {
  if (SAFE.has(request.method)) return;
  const fetchSite = request.headers["sec-fetch-site"];
  if (fetchSite === "cross-site") throw csrf();
  const origin = request.headers.origin;
  if (!origin) throw csrf();
  const trusted = trustedOrigins(request.server.ctx.config.publicUrl, request.headers.host);
  if (!trusted.includes(origin)) throw csrf();
}

export function trustedOrigins(publicUrl: string, host?: string): string[] {
  const origins = [new URL(publicUrl).origin];
  const url = new URL(publicUrl);
  if (url.hostname === "localhost")
    origins.push(`${url.protocol}//127.0.0.1${url.port ? `:${url.port}` : ""}`);
  // The origin the browser actually used for this request, when it names this server's host.
  if (host && /^[a-z0-9.-]+(:\d+)?$/i.test(host)) origins.push(`${url.protocol}//${host}`);
  return origins;
}

const csrf = () =>
  new AppError(
    "csrf_failed",
    "This request did not come from the Rapport web app (Origin check failed)",
    "origin",
  );
