import type { FastifyInstance } from "fastify";
import {
  outgoingMailInputSchema,
  outgoingMailSchema,
  testMailInputSchema,
  testMailResultSchema,
} from "../../../../contracts/settings.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { readOutgoing, saveOutgoing, sendTestMail } from "./outgoing.service.ts";

/** Admins set the workspace's SMTP relay, from-address and signature, and send a test. */
export function outgoingMailRoutes(app: FastifyInstance) {
  const r = router(app);
  const admin = requireActor("workspace.manage");
  const tags = ["Email"];

  r.get(
    "/api/v1/email/outgoing",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Outgoing mail settings (the relay password is never returned)",
        security: bearer,
        response: { 200: outgoingMailSchema, ...withNotFound },
      },
    },
    async (request) => readOutgoing(app.ctx, actorOf(request).workspaceId),
  );

  r.put(
    "/api/v1/email/outgoing",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Set the SMTP relay (password stored sealed), from-address and signature",
        security: bearer,
        body: outgoingMailInputSchema,
        response: { 200: outgoingMailSchema, ...withNotFound },
      },
    },
    async (request) => saveOutgoing(app.ctx, actorOf(request), request.body),
  );

  r.post(
    "/api/v1/email/outgoing/test",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Send a real test message through the relay and report its answer",
        security: bearer,
        body: testMailInputSchema,
        response: { 200: testMailResultSchema, ...withNotFound },
      },
    },
    async (request) => sendTestMail(app.ctx, actorOf(request), request.body.to),
  );
}
