import type { FastifyInstance } from "fastify";
import { memberPageSchema, meSchema } from "../../../../contracts/accounts.ts";
import { pageQuerySchema } from "../../../../contracts/common.ts";
import { decodeCursor, toPage } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { authErrors, bearer, iso, router } from "../../platform/http/route-kit.ts";
import { leadsATeam } from "../teams/leads.repo.ts";
import { listMembers } from "./memberships.repo.ts";

export function accountRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/me",
    {
      preValidation: requireActor(),
      schema: {
        tags: ["Accounts"],
        summary: "Who am I: user, workspace, role and permissions",
        security: bearer,
        response: { 200: meSchema, ...authErrors },
      },
    },
    async (request) => {
      const a = actorOf(request);
      return {
        user: { id: a.userId, name: a.name, email: a.email },
        workspace: { id: a.workspaceId, name: a.workspaceName },
        role: a.role,
        permissions: a.permissions,
        locale: a.locale ?? a.workspaceLocale,
        // Customers lead no team; skip the query for them.
        leadsTeams: a.role !== "customer" && (await leadsATeam(app.ctx.db, a)),
      };
    },
  );

  r.get(
    "/api/v1/members",
    {
      preValidation: requireActor("members.read"),
      schema: {
        tags: ["Accounts"],
        summary: "People in the workspace (staff and customers with portal access), oldest first",
        security: bearer,
        querystring: pageQuerySchema,
        response: { 200: memberPageSchema, ...authErrors },
      },
    },
    async (request) => {
      const a = actorOf(request);
      const { cursor, limit } = request.query;
      const rows = await listMembers(new TenantScope(app.ctx.db, a.workspaceId), decodeCursor(cursor), limit);
      const page = toPage(rows, limit, (m) => [m.cursorAt, m.id]);
      return {
        ...page,
        items: page.items.map(({ cursorAt: _c, ...m }) => ({ ...m, createdAt: iso(m.createdAt) })),
      };
    },
  );
}
