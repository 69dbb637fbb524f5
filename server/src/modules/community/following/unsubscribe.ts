import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { escapeHtml } from "../../help/pages/head.ts";

/**
 * One-click unsubscribe links in community mail (RFC 8058). The token names the workspace and
 * the member and is signed with an HMAC under a key derived from the app secret, so it needs no
 * login, cannot be forged for someone else, and never expires (an old digest's link still
 * works). Its only power is turning that member's community email off.
 */
const PURPOSE = "community-unsubscribe";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const keyFor = (secret: string) => createHash("sha256").update(`${PURPOSE}\0${secret}`).digest();
const mac = (secret: string, workspaceId: string, memberId: string) =>
  createHmac("sha256", keyFor(secret)).update(`${workspaceId}.${memberId}`).digest();

export function unsubscribeToken(secret: string, workspaceId: string, memberId: string): string {
  return `${workspaceId}.${memberId}.${mac(secret, workspaceId, memberId).toString("base64url")}`;
}

/** The workspace and member a genuine token names; undefined for anything else. */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { workspaceId: string; memberId: string } | undefined {
  const [workspaceId = "", memberId = "", sig = "", ...rest] = token.split(".");
  if (rest.length > 0 || !UUID.test(workspaceId) || !UUID.test(memberId)) return undefined;
  const given = Buffer.from(sig, "base64url");
  const expected = mac(secret, workspaceId, memberId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { workspaceId, memberId };
}

/** A small page of its own (no app bundle): the link must work in any mail client's browser. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1b1e}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:0;background:#1c7ed6;color:#fff;cursor:pointer}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export function confirmPage(workspaceName: string, token: string): string {
  return page(
    "Stop community email?",
    `<p>You will no longer get email about topics, categories and people you follow in the ${escapeHtml(workspaceName)} community. Your notifications stay in the app.</p>
<form method="post" action="/api/v1/community/unsubscribe?token=${encodeURIComponent(token)}">
<button type="submit">Unsubscribe</button></form>`,
  );
}

export function donePage(workspaceName: string): string {
  return page(
    "You are unsubscribed",
    `<p>The ${escapeHtml(workspaceName)} community will send you no more email. You can turn it back on in your community settings.</p>`,
  );
}

export function invalidPage(): string {
  return page(
    "This link does not work",
    "<p>The unsubscribe link is incomplete or was changed. Copy the whole link from the email, or change your email settings in the community.</p>",
  );
}
