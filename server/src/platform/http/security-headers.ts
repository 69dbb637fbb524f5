import type { FastifyInstance } from "fastify";
import helmet from "helmet";

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

/**
 * Security headers on every response, errors included. The helmet middleware is built once:
 * @fastify/helmet built it again on every request, parsing the CSP directives each time (2.4%
 * of an inbox request's CPU). Headers are set before the handler so a route may still
 * override them (none does today).
 */
export function installSecurityHeaders(app: FastifyInstance, opts: { publicUrl: string }) {
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine's colour-scheme script and the SSR data block are inline.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Remote images in email stay disarmed until an agent asks to load them; then they may come from anywhere.
        imgSrc: ["'self'", "data:", "https:"],
        connectSrc: ["'self'", "ws:", "wss:"],
        upgradeInsecureRequests: null,
      },
    },
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
    securityHeaders(request.raw, reply.raw, () => done());
  });
}
