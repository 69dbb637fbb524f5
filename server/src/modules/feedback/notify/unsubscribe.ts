import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { escapeHtml } from "../../help/pages/head.ts";

/**
 * One-click unsubscribe links in feedback mail (RFC 8058). The token names the workspace and one
 * subscription (one person on one idea) and is signed with an HMAC under a key derived from the
 * app secret for this purpose alone, so it needs no login, cannot be made for anyone else's
 * subscription, and never expires (last month's email still works). Its only power is ending
 * that subscription.
 */
const PURPOSE = "feedback-unsubscribe";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const keyFor = (secret: string) => createHash("sha256").update(`${PURPOSE}\0${secret}`).digest();
const mac = (secret: string, workspaceId: string, subscriptionId: string) =>
  createHmac("sha256", keyFor(secret)).update(`${workspaceId}.${subscriptionId}`).digest();

export function feedbackUnsubscribeToken(
  secret: string,
  workspaceId: string,
  subscriptionId: string,
): string {
  return `${workspaceId}.${subscriptionId}.${mac(secret, workspaceId, subscriptionId).toString("base64url")}`;
}

/** The workspace and subscription a genuine token names; undefined for anything else. */
export function readFeedbackUnsubscribeToken(
  secret: string,
  token: string | undefined,
): { workspaceId: string; subscriptionId: string } | undefined {
  const [workspaceId = "", subscriptionId = "", sig = "", ...rest] = (token ?? "").split(".");
  if (rest.length > 0 || !UUID.test(workspaceId) || !UUID.test(subscriptionId)) return undefined;
  const given = Buffer.from(sig, "base64url");
  const expected = mac(secret, workspaceId, subscriptionId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { workspaceId, subscriptionId };
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

export function confirmPage(workspaceName: string, ideaTitle: string, token: string): string {
  return page(
    "Stop emails about this idea?",
    `<p>You will no longer get email from ${escapeHtml(workspaceName)} about “${escapeHtml(ideaTitle)}”. Other ideas you follow are not affected.</p>
<form method="post" action="/api/v1/feedback/unsubscribe?token=${encodeURIComponent(token)}">
<button type="submit">Unsubscribe</button></form>`,
  );
}

export function donePage(workspaceName: string, ideaTitle: string): string {
  return page(
    "You are unsubscribed",
    `<p>${escapeHtml(workspaceName)} will send you no more email about “${escapeHtml(ideaTitle)}”. You can follow it again from the idea's page.</p>`,
  );
}

/** Says nothing about why: a forged token and a tampered one look the same to the visitor. */
export function invalidPage(): string {
  return page(
    "This link does not work",
    "<p>The unsubscribe link is incomplete or was changed. Copy the whole link from the email.</p>",
  );
}

/** A genuine token whose subscription no longer exists (the idea or the person was deleted). */
export function gonePage(): string {
  return page(
    "Nothing to unsubscribe",
    "<p>This idea or subscription no longer exists, so no more email will come about it.</p>",
  );
}
