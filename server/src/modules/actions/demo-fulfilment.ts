import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { unseal } from "../../platform/sealed.ts";
import { ACTION_SECRET_PURPOSE } from "./send.ts";

/**
 * The demo's stand-in for a company's fulfilment system, so `npm run demo`'s actions (ship a
 * replacement modem, start a rental, issue a credit) work with nothing outside Rapport. It
 * answers only requests signed by an action of the demo workspace; anything else is 404.
 * Answers are derived from the run id, so a repeated request gets the same tracking number.
 */
export const DEMO_FULFILMENT_PATH = "/api/v1/demo-fulfilment/";
export const DEMO_KINDS = ["ship", "rental", "credit"] as const;
type Kind = (typeof DEMO_KINDS)[number];

export function demoAnswer(kind: Kind, runId: string, input: Record<string, unknown>) {
  const code = createHash("sha256").update(runId).digest("hex").slice(0, 10).toUpperCase();
  if (kind === "ship")
    return {
      trackingNumber: `1Z${code}`,
      carrier: "UPS",
      shipTo: input.address ?? null,
      eta: "2 business days",
    };
  if (kind === "rental") return { rentalId: `R-${code}`, monthly: 7, status: "active" };
  return { creditNote: `CN-${code}`, amount: input.amount ?? null, currency: "USD" };
}

/** The kind a demo URL names, or null when the URL is not the built-in endpoint. */
export function demoKindOf(url: string): Kind | null {
  const path = new URL(url).pathname;
  if (!path.startsWith(DEMO_FULFILMENT_PATH)) return null;
  const kind = path.slice(DEMO_FULFILMENT_PATH.length);
  return (DEMO_KINDS as readonly string[]).includes(kind) ? (kind as Kind) : null;
}

const bodySchema = z.object({
  action: z.object({ id: z.uuid() }),
  run: z.object({ id: z.string() }),
  input: z.record(z.string(), z.unknown()).default({}),
});

/** A demo run's request is small; anything bigger is not from Rapport. */
const MAX_BODY_BYTES = 256 * 1024;
/** The bytes each request's body arrived as, kept for this route only (see preParsing below). */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/**
 * Reads the body's bytes before Fastify parses them and hands Fastify an identical stream, so
 * the signature is checked over exactly what was signed: a signer is free to format its JSON
 * as it likes, and a re-serialisation of the parsed body would not be those bytes.
 */
async function keepRawBody(request: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > MAX_BODY_BYTES)
      throw Object.assign(new Error("Request body is too large"), { statusCode: 413 });
    chunks.push(b);
  }
  const raw = Buffer.concat(chunks);
  rawBodies.set(request, raw);
  return Object.assign(Readable.from([raw]), { receivedEncodedLength: raw.length });
}

export function demoFulfilmentRoutes(app: FastifyInstance) {
  app.post<{ Params: { kind: string } }>(
    `${DEMO_FULFILMENT_PATH}:kind`,
    { schema: { hide: true }, preParsing: keepRawBody },
    async (request, reply) => {
      const notHere = () => reply.status(404).send({ error: { code: "not_found", message: "Not found" } });
      const kind = (DEMO_KINDS as readonly string[]).includes(request.params.kind)
        ? (request.params.kind as Kind)
        : null;
      const parsed = bodySchema.safeParse(request.body);
      if (!kind || !parsed.success) return notHere();
      const action = await app.ctx.db
        .selectFrom("actions")
        .innerJoin("workspaces", "workspaces.id", "actions.workspace_id")
        .select(["actions.secret_sealed"])
        .where("actions.id", "=", parsed.data.action.id)
        .where("workspaces.is_demo", "=", true)
        .executeTakeFirst();
      const timestamp = String(request.headers["x-rapport-timestamp"] ?? "");
      const given = Buffer.from(String(request.headers["x-rapport-signature"] ?? ""));
      if (!action) return notHere();
      const raw = rawBodies.get(request);
      if (!raw) return notHere();
      // signWebhook's scheme (`sha256=` HMAC of `<timestamp>.<body>`), fed the bytes themselves.
      const secret = unseal(app.ctx.secret, ACTION_SECRET_PURPOSE, action.secret_sealed);
      const hmac = createHmac("sha256", secret).update(`${timestamp}.`).update(raw).digest("hex");
      const expected = Buffer.from(`sha256=${hmac}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return notHere();
      return demoAnswer(kind, parsed.data.run.id, parsed.data.input);
    },
  );
}
