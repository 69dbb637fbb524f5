import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { unseal } from "../../platform/sealed.ts";
import { signWebhook } from "../webhooks/sign.ts";
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

export function demoFulfilmentRoutes(app: FastifyInstance) {
  app.post<{ Params: { kind: string } }>(
    `${DEMO_FULFILMENT_PATH}:kind`,
    { schema: { hide: true } },
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
      // Fastify parsed the body; the sender's JSON.stringify gives back the same text.
      const expected = Buffer.from(
        signWebhook(
          unseal(app.ctx.secret, ACTION_SECRET_PURPOSE, action.secret_sealed),
          timestamp,
          JSON.stringify(request.body),
        ),
      );
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return notHere();
      return demoAnswer(kind, parsed.data.run.id, parsed.data.input);
    },
  );
}
