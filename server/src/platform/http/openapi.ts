import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { fillNonce, nonceTemplate, requestNonce } from "./csp-nonce.ts";

/**
 * The OpenAPI 3.1 document is generated from the routes' zod contracts, so it cannot drift
 * from what the server validates. Served at /api/v1/openapi.json, browsable at /api/docs.
 */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Rapport API",
        version: "1",
        description: [
          "The REST API of Rapport. Authenticate with `Authorization: Bearer <token>`",
          "(create one with `npm run rapport -- token create` or in Settings → API tokens).",
          "",
          'Errors always look like `{"error":{"code","message","field"?}}`. Lists page by cursor:',
          "pass `nextCursor` back as `?cursor=`.",
          "",
          "Browser sessions: `POST /api/auth/sign-in/email` `{email,password}` (staff),",
          "`POST /api/auth/sign-in/magic-link` `{email}` (customers), `POST /api/auth/sign-out`.",
        ].join("\n"),
      },
      // No `servers` list: the document is read from the server it describes, and Swagger UI's
      // server picker has no accessible name.
      components: {
        securitySchemes: {
          bearerAuth: { type: "http", scheme: "bearer", description: "An API token (rpt_…)" },
          cookieAuth: { type: "apiKey", in: "cookie", name: "rapport.session_token" },
          // The chat widget's visitor (issue #22): `Authorization: Visitor <token>`.
          visitorToken: {
            type: "apiKey",
            in: "header",
            name: "Authorization",
            description: "Visitor <token>",
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // (Added before Swagger UI registers, so its routes inherit the hook.) Swagger UI's page is its own fixed template (no request data in it): its script tags get
  // this response's CSP nonce like every page of Rapport's (csp-nonce.ts).
  app.addHook("onSend", async (request, reply, payload) => {
    if (typeof payload !== "string" || !request.url.startsWith("/api/docs")) return payload;
    if (!String(reply.getHeader("content-type") ?? "").startsWith("text/html")) return payload;
    return fillNonce(nonceTemplate(payload), requestNonce(request));
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    // BaseLayout drops Swagger UI's top bar (logo without alt text, unlabelled URL box) and
    // no deep links keeps anchors out of the operation buttons: both fail accessibility checks.
    uiConfig: { docExpansion: "list", deepLinking: false, defaultModelsExpandDepth: 0, layout: "BaseLayout" },
    theme: {
      title: "Rapport API",
      // Swagger UI's stock greys fail WCAG contrast; darken them (checked with axe in e2e).
      css: [{ filename: "rapport.css", content: SWAGGER_CONTRAST_CSS }],
    },
  });
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}

const SWAGGER_CONTRAST_CSS = `
.swagger-ui .info .title small pre, .swagger-ui .info .title small { background: #3d4f5c; }
.swagger-ui .opblock-tag small, .swagger-ui .opblock .opblock-summary-description,
.swagger-ui .parameter__in, .swagger-ui .response-col_links, .swagger-ui .model-title,
.swagger-ui .prop-format, .swagger-ui .parameter__type { color: #333 !important; }
.swagger-ui .opblock .opblock-summary-method { color: #000; }
.swagger-ui .btn.authorize { color: #1b5e20; border-color: #1b5e20; }
.swagger-ui .btn.authorize svg { fill: #1b5e20; }
.swagger-ui a.nostyle, .swagger-ui .info a { color: #1f4e99; }
`;
