import type { FastifyInstance } from "fastify";
import helmet from "helmet";
import { newNonce, setRequestNonce } from "./csp-nonce.ts";

/**
 * Browser features the web app never uses. Denying them means injected or embedded content
 * cannot ask for them either. The clipboard stays allowed: "copy token" needs it.
 */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * API answers that may never be kept by a browser or proxy cache: everything under /api/
 * carries customer data or session state, except the public description of the API.
 */
const cacheable = (path: string) =>
  path === "/api/v1/openapi.json" || path === "/api/docs" || path.startsWith("/api/docs/");

/** Stands for the nonce while the policy is built; cut out to make the per-response header. */
const NONCE_MARK = "rapport-csp-nonce-mark";

/**
 * The Content-Security-Policy with a hole for the nonce: helmet builds the header once (with its
 * defaults: object-src 'none', base-uri 'self', frame-ancestors 'self', …) and each response
 * gets `before + nonce + after`, two string joins instead of parsing directives again.
 *
 * Scripts: 'self' (the app's hashed files, Swagger UI's) and this response's nonce (inline
 * scripts Rapport writes: Mantine's colour-scheme script, data blocks). No 'strict-dynamic':
 * Vite's preloader adds <link rel="modulepreload"> for lazy chunks at run time, which it would
 * block (it trusts scripts, not links) unless every chunk load carried the nonce too.
 * Styles keep 'unsafe-inline': Mantine writes style attributes and <style> tags as it renders.
 */
function cspTemplate(): { before: string; after: string } {
  let header = "";
  helmet.contentSecurityPolicy({
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", `'nonce-${NONCE_MARK}'`],
      styleSrc: ["'self'", "'unsafe-inline'"],
      // Remote images in email stay disarmed until an agent asks to load them; then they may come from anywhere.
      imgSrc: ["'self'", "data:", "https:"],
      connectSrc: ["'self'", "ws:", "wss:"],
      upgradeInsecureRequests: null,
    },
  })(
    {} as never,
    {
      setHeader: (_name: string, value: string) => {
        header = value;
      },
    } as never,
    () => {},
  );
  const [before, after] = header.split(NONCE_MARK);
  if (before === undefined || after === undefined) throw new Error("CSP template lost its nonce mark");
  return { before, after };
}

/**
 * Security headers on every response, errors included. The helmet middleware is built once:
 * @fastify/helmet built it again on every request, parsing the CSP directives each time (2.4%
 * of an inbox request's CPU). Headers are set before the handler so a route may still
 * override them (the widget frame does). The CSP is set here rather than by helmet because
 * its nonce is new for every response (see csp-nonce.ts).
 */
export function installSecurityHeaders(app: FastifyInstance, opts: { publicUrl: string }) {
  const csp = cspTemplate();
  const securityHeaders = helmet({
    contentSecurityPolicy: false,
    // HSTS only when the install is reached over https: on plain http it would be ignored by
    // browsers at best, and lock a later http-only test install out at worst.
    strictTransportSecurity: opts.publicUrl.startsWith("https:")
      ? // A year; not sub-domains, which may be other services of the same company.
        { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false }
      : false,
  });
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("permissions-policy", PERMISSIONS_POLICY);
    const path = request.url.split("?", 1)[0] ?? "";
    if (path.startsWith("/api/") && !cacheable(path)) reply.header("cache-control", "no-store");
    const nonce = newNonce();
    setRequestNonce(request, nonce);
    // On the raw response, like helmet's headers, so hijacked replies (dev pages) carry it too.
    reply.raw.setHeader("content-security-policy", csp.before + nonce + csp.after);
    securityHeaders(request.raw, reply.raw, () => done());
  });
}
