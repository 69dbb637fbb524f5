import type { AppContext } from "../../platform/context.ts";
import { pinnedFetch, RefusedDestination } from "../../platform/outbound/pinned-fetch.ts";
import { signWebhook } from "../webhooks/sign.ts";

/**
 * One call to an action's target: POST JSON signed exactly like webhooks (X-Rapport-Timestamp,
 * X-Rapport-Signature over `<timestamp>.<body>` with the action's own secret), the run id as
 * Idempotency-Key so the company's system can drop a repeat after a timeout. Redirects are not
 * followed (a 3xx is a failure), the private-address guard is checked again at send time (a
 * name can resolve differently later) on the very address the request then connects to
 * (pinned-fetch.ts), and the answer kept is capped.
 */
/** Sealing purpose of an action's signing secret (platform/sealed.ts). */
export const ACTION_SECRET_PURPOSE = "action-secret";
export const TIMEOUT_MS = 10_000;
export const MAX_RESULT_BYTES = 64 * 1024;

export type Outcome = { ok: true; result: unknown } | { ok: false; error: string };

export async function callTarget(
  ctx: Pick<AppContext, "config">,
  target: { url: string; secret: string; runId: string; body: string },
): Promise<Outcome> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const res = await pinnedFetch(
      target.url,
      {
        method: "POST",
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          "content-type": "application/json",
          "user-agent": "Rapport-Actions/1",
          "idempotency-key": target.runId,
          "x-rapport-event": "action.run",
          "x-rapport-timestamp": timestamp,
          "x-rapport-signature": signWebhook(target.secret, timestamp, target.body),
        },
        body: target.body,
      },
      { allowPrivate: ctx.config.webhookAllowPrivate },
    );
    const text = await readCapped(res);
    if (!res.ok) {
      const detail = text.trim().slice(0, 300);
      return { ok: false, error: `The target answered HTTP ${res.status}${detail ? `: ${detail}` : ""}` };
    }
    return { ok: true, result: parseResult(text) };
  } catch (err) {
    const e = err as Error;
    if (e instanceof RefusedDestination) return { ok: false, error: `Refused: ${e.message}` };
    if (e.name === "TimeoutError")
      return { ok: false, error: `The target did not answer within ${TIMEOUT_MS / 1000} s` };
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      error: `The target could not be reached${cause ? ` (${cause})` : `: ${e.message}`}`.slice(0, 500),
    };
  }
}

/** The answer's body, at most MAX_RESULT_BYTES of it (the rest is never read). */
async function readCapped(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_RESULT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_RESULT_BYTES).toString("utf8");
}

/** A JSON object is the result; anything else is kept as text so the agent still sees it. */
function parseResult(text: string): unknown {
  if (text.trim() === "") return {};
  if (text.length < MAX_RESULT_BYTES) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON: kept as text below
    }
  }
  return { text: text.slice(0, 4000), truncated: text.length >= MAX_RESULT_BYTES };
}
