import type { FastifyInstance } from "fastify";
import {
  chatIdentitySecretSchema,
  chatWidgetPatchSchema,
  chatWidgetSettingsSchema,
} from "../../../../contracts/widget.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  getWidgetSettings,
  patchWidgetSettings,
  revealIdentitySecret,
  rotateIdentitySecret,
} from "./widget.service.ts";

const tags = ["Chat"];
// The widget's key, origins and identity secret decide who can reach the workspace.
const manage = requireActor("workspace.manage");

export function widgetAdminRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/chat/widget",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "The chat widget's settings and embed snippet (created on first read)",
        security: bearer,
        response: { 200: chatWidgetSettingsSchema, ...withNotFound },
      },
    },
    async (request) => getWidgetSettings(app.ctx, actorOf(request)),
  );
  r.patch(
    "/api/v1/chat/widget",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change the chat widget's settings (allowed origins, greeting, team…)",
        security: bearer,
        body: chatWidgetPatchSchema,
        response: { 200: chatWidgetSettingsSchema, ...withNotFound },
      },
    },
    async (request) => patchWidgetSettings(app.ctx, actorOf(request), request.body),
  );
  r.post(
    "/api/v1/chat/widget/identity-secret",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Rotate the identity secret (host sites sign user identities with it); returns the new one",
        security: bearer,
        response: { 200: chatIdentitySecretSchema, ...withNotFound },
      },
    },
    async (request) => rotateIdentitySecret(app.ctx, actorOf(request)),
  );
  r.get(
    "/api/v1/chat/widget/identity-secret",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Reveal the identity secret (written to the audit log)",
        security: bearer,
        response: { 200: chatIdentitySecretSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return revealIdentitySecret(app.ctx, actorOf(request));
    },
  );
}
