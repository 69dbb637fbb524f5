import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  acceptInviteInputSchema,
  invitationListSchema,
  invitationSchema,
  inviteInputSchema,
  invitePreviewSchema,
  memberPatchSchema,
  reassignInputSchema,
  reassignResultSchema,
  savedViewInputSchema,
  savedViewListSchema,
  savedViewSchema,
  sentInvitationSchema,
  teamInputSchema,
  teamListSchema,
  teamPatchSchema,
} from "../../../../contracts/team.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  acceptInvitation,
  inviteStaff,
  listInvitations,
  previewInvitation,
  resendInvitation,
  revokeInvitation,
} from "./invitations.service.ts";
import { reassignOpenCases, updateMember } from "./members.service.ts";
import { createTeam, deleteTeam, listTeams, updateTeam } from "./teams.service.ts";
import { deleteView, listViews, saveView } from "./views.service.ts";

const tags = ["Team"];
const admin = requireActor("team.manage");
const staff = requireActor("cases.work");
// Reading lists is open to every staff member, engineers included.
const read = requireActor("cases.read");

export function teamRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/teams",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Teams and their members",
        security: bearer,
        response: { 200: teamListSchema, ...withNotFound },
      },
    },
    async (request) => listTeams(app.ctx, actorOf(request)),
  );
  r.post(
    "/api/v1/teams",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Create a team",
        security: bearer,
        body: teamInputSchema,
        response: { 201: teamListSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTeam(app.ctx, actorOf(request), request.body)),
  );
  r.patch(
    "/api/v1/teams/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Rename a team or set its members",
        security: bearer,
        params: idParamSchema,
        body: teamPatchSchema,
        response: { 200: teamListSchema, ...withNotFound },
      },
    },
    async (request) => updateTeam(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    "/api/v1/teams/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Delete a team (its cases stay, without a team)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deleteTeam(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/invitations",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Invite a staff member by email",
        security: bearer,
        body: inviteInputSchema,
        response: { 201: sentInvitationSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inviteStaff(app.ctx, actorOf(request), request.body)),
  );
  r.post(
    "/api/v1/invitations/:id/resend",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Send the invitation again with a fresh link (the old one stops working)",
        security: bearer,
        params: idParamSchema,
        response: { 200: sentInvitationSchema, 409: errorBodySchema, ...withNotFound },
      },
    },
    async (request) => resendInvitation(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    "/api/v1/invitations/:id/revoke",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Take the invitation back: its link stops working",
        security: bearer,
        params: idParamSchema,
        response: { 200: invitationSchema, 409: errorBodySchema, ...withNotFound },
      },
    },
    async (request) => revokeInvitation(app.ctx, actorOf(request), request.params.id),
  );
  r.get(
    "/api/v1/invitations",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Invitations, newest first",
        security: bearer,
        response: { 200: invitationListSchema, ...withNotFound },
      },
    },
    async (request) => listInvitations(app.ctx, actorOf(request)),
  );
  r.get(
    "/api/v1/invitations/preview",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "What an invitation link is for (public)",
        querystring: z.strictObject({ token: z.string().min(20).max(200) }),
        response: { 200: invitePreviewSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => previewInvitation(app.ctx, request.query.token),
  );
  r.post(
    "/api/v1/invitations/accept",
    {
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary:
          "Accept an invitation: a new login chooses its name and password, an existing one gives its current password (public)",
        body: acceptInviteInputSchema,
        response: {
          201: z.object({ email: z.string() }),
          400: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await acceptInvitation(app.ctx, request.body)),
  );

  r.patch(
    "/api/v1/members/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Change a staff member's role, or (de)activate them",
        security: bearer,
        params: idParamSchema,
        body: memberPatchSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await updateMember(app.ctx, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/v1/members/:id/reassign",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Move this person's open cases to someone else",
        security: bearer,
        params: idParamSchema,
        body: reassignInputSchema,
        response: { 200: reassignResultSchema, ...withNotFound },
      },
    },
    async (request) =>
      reassignOpenCases(app.ctx, actorOf(request), request.params.id, request.body.toMemberId),
  );

  r.get(
    "/api/v1/views",
    {
      preValidation: read,
      schema: {
        tags: ["Cases"],
        summary: "Your saved inbox views",
        security: bearer,
        response: { 200: savedViewListSchema, ...withNotFound },
      },
    },
    async (request) => listViews(app.ctx, actorOf(request)),
  );
  r.post(
    "/api/v1/views",
    {
      preValidation: staff,
      schema: {
        tags: ["Cases"],
        summary: "Save an inbox view",
        security: bearer,
        body: savedViewInputSchema,
        response: { 201: savedViewSchema, ...withNotFound },
      },
    },
    async (request, reply) => reply.status(201).send(await saveView(app.ctx, actorOf(request), request.body)),
  );
  r.delete(
    "/api/v1/views/:id",
    {
      preValidation: staff,
      schema: {
        tags: ["Cases"],
        summary: "Delete a saved view",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deleteView(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
