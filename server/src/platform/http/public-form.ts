import type { FastifyReply, FastifyRequest } from "fastify";
import { checkSameOrigin } from "./csrf.ts";

/**
 * A form on one of the public, server-rendered pages (survey ratings, conduct appeals, community
 * posts) came from a page of this site: the browser says so in Sec-Fetch-Site (which no page can
 * set), or, from a browser without it, the API's Origin check passes. No cross-site posts.
 */
export function fromThisSite(request: FastifyRequest): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site === "same-origin") return true;
  if (site === "same-site" || site === "cross-site") return false;
  try {
    checkSameOrigin(request);
    return true;
  } catch {
    return false;
  }
}

/**
 * A public page answered by a secret link (a survey or appeal token): never cached, and the link
 * never leaks onward in a Referer.
 */
export function tokenPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .type("text/html; charset=utf-8")
    .header("referrer-policy", "no-referrer")
    .header("cache-control", "no-store")
    .send(body);
}
