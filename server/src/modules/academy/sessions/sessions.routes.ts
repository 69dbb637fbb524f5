import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  attendanceImportResultSchema,
  attendanceInputSchema,
  attendanceResultSchema,
  myRegistrationSchema,
  mySessionListSchema,
  mySessionSchema,
  recordingInputSchema,
  registrationListSchema,
  sessionInputSchema,
  sessionListQuerySchema,
  sessionListSchema,
  sessionPatchSchema,
  sessionSchema,
} from "../../../../../contracts/academy-sessions.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { importAttendance, markAttendance } from "./attendance.service.ts";
import { cancelMine, mySession, mySessions, register, registrationsOf } from "./registrations.service.ts";
import {
  cancelSession,
  createSession,
  getStaffSession,
  listStaffSessions,
  setRecording,
  updateSession,
} from "./sessions.service.ts";

const tags = ["Academy"];
const CSV_LIMIT = 2 * 1024 * 1024;
const withUnprocessable = { ...withNotFound, 409: errorBodySchema, 422: errorBodySchema };

/**
 * Live sessions over HTTP: staff run them (`academy.manage`), customers register through the
 * portal (`portal.use`). Routes only translate; the services hold the rules.
 */
export function academySessionRoutes(app: FastifyInstance) {
  void app.register(async (scope) => {
    // The attendance import takes a CSV file as it comes.
    scope.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: CSV_LIMIT }, (_req, body, done) =>
      done(null, String(body)),
    );
    const r = router(scope);
    const manage = requireActor("academy.manage");
    const learner = requireActor("portal.use");
    const ctx = () => scope.ctx;

    r.get(
      "/api/v1/academy/sessions",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "Live sessions, soonest first (upcoming by default)",
          security: bearer,
          querystring: sessionListQuerySchema,
          response: { 200: sessionListSchema, ...withNotFound },
        },
      },
      async (request) => ({ items: await listStaffSessions(ctx(), actorOf(request), request.query.when) }),
    );

    r.post(
      "/api/v1/academy/sessions",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "Schedule a live session",
          security: bearer,
          body: sessionInputSchema,
          response: { 201: sessionSchema, ...withUnprocessable },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createSession(ctx(), actorOf(request), request.body)),
    );

    r.get(
      "/api/v1/academy/sessions/:id",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "One live session",
          security: bearer,
          params: idParamSchema,
          response: { 200: sessionSchema, ...withNotFound },
        },
      },
      async (request) => getStaffSession(ctx(), actorOf(request), request.params.id),
    );

    r.patch(
      "/api/v1/academy/sessions/:id",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "Change a session; a new time bumps scheduleVersion and tells every registrant",
          security: bearer,
          params: idParamSchema,
          body: sessionPatchSchema,
          response: { 200: sessionSchema, ...withUnprocessable },
        },
      },
      async (request) => updateSession(ctx(), actorOf(request), request.params.id, request.body),
    );

    r.post(
      "/api/v1/academy/sessions/:id/cancel",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "Cancel a session; registrants get a cancellation (METHOD:CANCEL)",
          security: bearer,
          params: idParamSchema,
          response: { 200: sessionSchema, ...withUnprocessable },
        },
      },
      async (request) => cancelSession(ctx(), actorOf(request), request.params.id),
    );

    r.post(
      "/api/v1/academy/sessions/:id/recording",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "Add the recording (https); marks the session held",
          security: bearer,
          params: idParamSchema,
          body: recordingInputSchema,
          response: { 200: sessionSchema, ...withUnprocessable },
        },
      },
      async (request) => setRecording(ctx(), actorOf(request), request.params.id, request.body.url),
    );

    r.get(
      "/api/v1/academy/sessions/:id/registrations",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "Registrations: confirmed, then the waitlist in order, then cancelled",
          security: bearer,
          params: idParamSchema,
          response: { 200: registrationListSchema, ...withNotFound },
        },
      },
      async (request) => ({ items: await registrationsOf(ctx(), actorOf(request), request.params.id) }),
    );

    r.post(
      "/api/v1/academy/sessions/:id/attendance",
      {
        preValidation: manage,
        schema: {
          tags,
          summary: "The host's check: mark registered customers as attended (or not)",
          security: bearer,
          params: idParamSchema,
          body: attendanceInputSchema,
          response: { 200: attendanceResultSchema, ...withNotFound },
        },
      },
      async (request) =>
        markAttendance(
          ctx(),
          actorOf(request),
          request.params.id,
          request.body.customerIds,
          request.body.attended,
        ),
    );

    r.post(
      "/api/v1/academy/sessions/:id/attendance/import",
      {
        preValidation: manage,
        bodyLimit: CSV_LIMIT,
        schema: {
          tags,
          summary: "Import attendance as text/csv: one email per line (or an `email` column)",
          description:
            "Registered customers found by email are marked attended; unknown emails are listed, not fatal.",
          security: bearer,
          params: idParamSchema,
          response: { 200: attendanceImportResultSchema, ...withNotFound },
        },
      },
      async (request) => {
        if (typeof request.body !== "string")
          throw new AppError("validation_failed", "Send the attendance as text/csv", "csv");
        return importAttendance(ctx(), actorOf(request), request.params.id, request.body);
      },
    );

    // The customer's side (portal login).
    r.post(
      "/api/v1/academy/sessions/:id/registrations",
      {
        preValidation: learner,
        schema: {
          tags,
          summary: "Register for a session: confirmed while seats remain, else waitlisted (idempotent)",
          security: bearer,
          params: idParamSchema,
          response: { 200: myRegistrationSchema, 201: myRegistrationSchema, ...withUnprocessable },
        },
      },
      async (request, reply) => {
        const out = await register(ctx(), actorOf(request), request.params.id);
        return reply.status(out.created ? 201 : 200).send(out.registration);
      },
    );

    r.delete(
      "/api/v1/academy/sessions/:id/registrations",
      {
        preValidation: learner,
        schema: {
          tags,
          summary: "Cancel my registration; the seat goes to the first waitlisted",
          security: bearer,
          params: idParamSchema,
          response: { 200: myRegistrationSchema, ...withNotFound },
        },
      },
      async (request) => cancelMine(ctx(), actorOf(request), request.params.id),
    );

    r.get(
      "/api/v1/portal/academy/sessions",
      {
        preValidation: learner,
        schema: {
          tags,
          summary: "Upcoming sessions with my registration, and past ones I registered for",
          security: bearer,
          response: { 200: mySessionListSchema, ...withNotFound },
        },
      },
      async (request) => ({ items: await mySessions(ctx(), actorOf(request)) }),
    );

    r.get(
      "/api/v1/portal/academy/sessions/:ref",
      {
        preValidation: learner,
        schema: {
          tags,
          summary: "One session (by id or slug) with my registration",
          security: bearer,
          params: z.strictObject({ ref: z.string().min(1).max(200) }),
          response: { 200: mySessionSchema, ...withNotFound },
        },
      },
      async (request) => mySession(ctx(), actorOf(request), request.params.ref),
    );
  });
}
