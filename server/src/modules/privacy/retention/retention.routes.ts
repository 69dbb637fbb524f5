import type { FastifyInstance } from "fastify";
import {
  retentionPolicyInputSchema,
  retentionPolicySchema,
  retentionRunListSchema,
  retentionRunSchema,
} from "../../../../../contracts/privacy.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { authErrors, bearer, router } from "../../../platform/http/route-kit.ts";
import { getPolicy, listRuns, runRetention, setPolicy } from "./retention.service.ts";

const tags = ["Privacy"];
const admin = requireActor("workspace.manage");

export function retentionPolicyRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/retention-policies",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The workspace's retention policy (null days: keep forever)",
        security: bearer,
        response: { 200: retentionPolicySchema, ...authErrors },
      },
    },
    async (request) => getPolicy(app.ctx, actorOf(request).workspaceId),
  );
  r.put(
    "/api/v1/retention-policies",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Set the retention policy; it runs daily at 02:43 and skips data under a legal hold",
        security: bearer,
        body: retentionPolicyInputSchema,
        response: { 200: retentionPolicySchema, ...authErrors },
      },
    },
    async (request) => setPolicy(app.ctx, actorOf(request), request.body),
  );
  r.get(
    "/api/v1/retention-policies/runs",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The latest 50 runs of the retention policy and what each removed",
        security: bearer,
        response: { 200: retentionRunListSchema, ...authErrors },
      },
    },
    async (request) => ({ items: await listRuns(app.ctx, actorOf(request).workspaceId) }),
  );
  r.post(
    "/api/v1/retention-policies/run",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Run the retention policy now and report what it removed",
        security: bearer,
        response: { 201: retentionRunSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .code(201)
        .send(await runRetention(app.ctx, actor.workspaceId, { trigger: "manual", actor }));
    },
  );
}
