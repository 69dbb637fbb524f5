import { createHmac } from "node:crypto";

/**
 * The signature receivers check: HMAC-SHA256 with the endpoint's secret over
 * `<timestamp>.<raw body>`, hex, as `sha256=<hex>`. Signing the timestamp too lets receivers
 * refuse replays of an old delivery.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
