import { randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";

/**
 * Per-response script nonces for the Content-Security-Policy (issue #23). Every inline script
 * Rapport writes carries `nonce="…"` and the response's header allows exactly that nonce, so a
 * script injected into a page by anyone else does not run ('unsafe-inline' is gone).
 *
 * Pages are rendered (and cached, see platform/web.ts) once for many readers, so renderers write
 * NONCE_PLACEHOLDER instead of a nonce and the placeholder is swapped for the response's nonce
 * just before sending. The placeholder is random per process and never leaves it (every page is
 * filled before it is sent), so content a visitor wrote cannot guess it to get a nonce added.
 * Nonces are never added by rewriting every "<script" of a page: that would bless injected
 * scripts too.
 */
export const NONCE_PLACEHOLDER = `rapport-nonce-${randomBytes(12).toString("hex")}`;

/**
 * The nonce written at build time into web/dist/server/spa-head.html (scripts/spa-head.ts), which
 * platform/web.ts swaps for NONCE_PLACEHOLDER when it reads the file. Fixed, unlike the
 * placeholder, but only ever in that file, our own markup with no visitor's text in it.
 */
export const BUILD_NONCE = "rapport-build-nonce";

/** ` nonce="…"` for a script tag a renderer writes (the placeholder; filled per response). */
export const NONCE_ATTRIBUTE = ` nonce="${NONCE_PLACEHOLDER}"`;

/** 128 random bits, fresh for every request (CSP3 asks for at least 128). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The page with the response's nonce where its renderer left the placeholder. */
export function fillNonce(html: string, nonce: string): string {
  return html.includes(NONCE_PLACEHOLDER) ? html.split(NONCE_PLACEHOLDER).join(nonce) : html;
}

/**
 * Adds the placeholder nonce to the script and module-preload tags of a template Rapport itself
 * ships (index.html, the widget's frame.html), never to rendered content.
 */
export function nonceTemplate(template: string): string {
  return template
    .replace(/<script\b/g, `<script${NONCE_ATTRIBUTE}`)
    .replace(/<link\b(?=[^>]*\brel="modulepreload")/g, `<link${NONCE_ATTRIBUTE}`);
}

const nonces = new WeakMap<object, string>();

/** Made by the security-headers hook for every request; the same one its CSP header names. */
export function setRequestNonce(request: FastifyRequest, nonce: string) {
  nonces.set(request.raw, nonce);
}

/** This response's nonce (the one in its Content-Security-Policy header). */
export function requestNonce(request: FastifyRequest): string {
  const nonce = nonces.get(request.raw);
  if (!nonce) throw new Error("no CSP nonce: installSecurityHeaders must run first");
  return nonce;
}
