import type { FastifyInstance } from "fastify";
import {
  attemptListSchema,
  attemptParamSchema,
  attemptResultSchema,
  attemptStartedSchema,
  courseKeyParamSchema,
  customerQuerySchema,
  enrollInputSchema,
  enrollmentListSchema,
  enrollmentSchema,
  learnCourseSchema,
  learnLessonSchema,
  lessonIdParamSchema,
  progressInputSchema,
  progressSchema,
  submitInputSchema,
} from "../../../../../contracts/academy-learning.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { enroll, learnCourse, learnLesson, myEnrollments, reportProgress } from "./learning.service.ts";
import { listAttempts, startAttempt, submitAttempt } from "./quiz.service.ts";

const tags = ["Academy"];
/** Customers learn through the portal login; staff hold portal.use too and may read. */
const learner = requireActor("portal.use");
const writeErrors = { ...withNotFound, 409: errorBodySchema, 422: errorBodySchema };

/** The learner's side of the academy (issue #21): enrolments, course and lesson views, progress, quizzes. */
export function academyLearningRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/academy/enrollments",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "My courses, with the share of required lessons complete (staff: ?customerId=)",
        security: bearer,
        querystring: customerQuerySchema,
        response: { 200: enrollmentListSchema, ...withNotFound },
      },
    },
    async (request) => ({ items: await myEnrollments(app.ctx, actorOf(request), request.query.customerId) }),
  );

  r.post(
    "/api/v1/academy/enrollments",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "Enrol in a published course (enrolling twice is harmless)",
        security: bearer,
        body: enrollInputSchema,
        response: { 201: enrollmentSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await enroll(app.ctx, actorOf(request), request.body.courseId)),
  );

  r.get(
    "/api/v1/academy/courses/:key/learn",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "A course by slug or id, its modules and lessons with my progress and where to resume",
        security: bearer,
        params: courseKeyParamSchema,
        querystring: customerQuerySchema,
        response: { 200: learnCourseSchema, ...withNotFound },
      },
    },
    async (request) => learnCourse(app.ctx, actorOf(request), request.params.key, request.query.customerId),
  );

  r.get(
    "/api/v1/academy/lessons/:id/learn",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "A lesson's content for a learner (quiz questions without their answers)",
        security: bearer,
        params: idParamSchema,
        response: { 200: learnLessonSchema, ...withNotFound },
      },
    },
    async (request) => learnLesson(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/academy/progress",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "Report reading or watching progress (90% completes), or that a linked lesson was opened",
        security: bearer,
        body: progressInputSchema,
        response: { 200: progressSchema, ...writeErrors },
      },
    },
    async (request) => reportProgress(app.ctx, actorOf(request), request.body),
  );

  r.get(
    "/api/v1/academy/quizzes/:lessonId/attempts",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "My attempts at a quiz (staff: ?customerId=)",
        security: bearer,
        params: lessonIdParamSchema,
        querystring: customerQuerySchema,
        response: { 200: attemptListSchema, ...writeErrors },
      },
    },
    async (request) =>
      listAttempts(app.ctx, actorOf(request), request.params.lessonId, request.query.customerId),
  );

  r.post(
    "/api/v1/academy/quizzes/:lessonId/attempts",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "Start an attempt (or get the open one back): the questions as shown, without answers",
        security: bearer,
        params: lessonIdParamSchema,
        response: { 201: attemptStartedSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startAttempt(app.ctx, actorOf(request), request.params.lessonId)),
  );

  r.post(
    "/api/v1/academy/quizzes/:lessonId/attempts/:attemptId/submit",
    {
      preValidation: learner,
      schema: {
        tags,
        summary: "Submit answers: graded on the server; right answers and explanations come back only now",
        security: bearer,
        params: attemptParamSchema,
        body: submitInputSchema,
        response: { 200: attemptResultSchema, ...writeErrors },
      },
    },
    async (request) =>
      submitAttempt(
        app.ctx,
        actorOf(request),
        request.params.lessonId,
        request.params.attemptId,
        request.body,
      ),
  );
}
