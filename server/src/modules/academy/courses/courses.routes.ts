import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  courseInputSchema,
  courseListSchema,
  courseOrderSchema,
  coursePatchSchema,
  coursePreviewSchema,
  courseSchema,
  lessonInputSchema,
  lessonPatchSchema,
  lessonSchema,
  moduleInputSchema,
  moduleSchema,
  questionInputSchema,
  questionListSchema,
  questionPatchSchema,
  questionSchema,
} from "../../../../../contracts/academy-courses.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import {
  createCourse,
  createModule,
  deleteCourse,
  deleteModule,
  getCourse,
  listCourses,
  renameModule,
  updateCourse,
} from "./courses.service.ts";
import { createLesson, deleteLesson, getLesson, updateLesson } from "./lessons.service.ts";
import { reorderCourse } from "./order.service.ts";
import { previewCourse } from "./preview.service.ts";
import { createQuestion, deleteQuestion, listQuestions, updateQuestion } from "./questions.service.ts";

const tags = ["Academy"];
const manage = requireActor("academy.manage");
const A = "/api/v1/academy";
const withRules = { ...withNotFound, 409: errorBodySchema, 422: errorBodySchema };
const questionParams = z.strictObject({ id: z.uuid(), questionId: z.uuid() });

/** Authoring: courses, modules, lessons, quiz questions and the nested order (staff with academy.manage). */
export function academyCourseRoutes(app: FastifyInstance) {
  const r = router(app);
  const doc = <T extends object>(summary: string, extra: T) => ({
    tags,
    summary,
    security: bearer,
    ...extra,
  });

  // ---- courses ----
  r.get(
    `${A}/courses`,
    {
      preValidation: manage,
      schema: doc("Courses of every state, most recently changed first", {
        response: { 200: courseListSchema, ...withNotFound },
      }),
    },
    async (request) => listCourses(app.ctx, actorOf(request)),
  );
  r.post(
    `${A}/courses`,
    {
      preValidation: manage,
      schema: doc("Create a course (a draft unless `state` says otherwise)", {
        body: courseInputSchema,
        response: { 201: courseSchema, ...withRules },
      }),
    },
    async (request, reply) =>
      reply.status(201).send(await createCourse(app.ctx, actorOf(request), request.body)),
  );
  r.get(
    `${A}/courses/:id`,
    {
      preValidation: manage,
      schema: doc("A course with its modules and lessons, in order", {
        params: idParamSchema,
        response: { 200: courseSchema, ...withNotFound },
      }),
    },
    async (request) => getCourse(app.ctx, actorOf(request), request.params.id),
  );
  r.patch(
    `${A}/courses/:id`,
    {
      preValidation: manage,
      schema: doc("Change a course; `state` publishes or archives it", {
        params: idParamSchema,
        body: coursePatchSchema,
        response: { 200: courseSchema, ...withRules },
      }),
    },
    async (request) => updateCourse(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    `${A}/courses/:id`,
    {
      preValidation: manage,
      schema: doc("Delete a course with its modules, lessons and questions", {
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      }),
    },
    async (request, reply) => {
      await deleteCourse(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    `${A}/courses/:id/preview`,
    {
      preValidation: manage,
      schema: doc("The course as a learner sees it (quizzes without answers); records no progress", {
        params: idParamSchema,
        response: { 200: coursePreviewSchema, ...withNotFound },
      }),
    },
    async (request) => previewCourse(app.ctx, actorOf(request), request.params.id),
  );
  r.put(
    `${A}/courses/:id/order`,
    {
      preValidation: manage,
      schema: doc("Reorder modules and lessons at once (lessons may move between modules)", {
        description:
          "The body names every module of the course once and every lesson once; otherwise 422 and nothing changes.",
        params: idParamSchema,
        body: courseOrderSchema,
        response: { 200: courseSchema, ...withRules },
      }),
    },
    async (request) => reorderCourse(app.ctx, actorOf(request), request.params.id, request.body),
  );

  // ---- modules ----
  r.post(
    `${A}/courses/:id/modules`,
    {
      preValidation: manage,
      schema: doc("Add a module at the end of the course", {
        params: idParamSchema,
        body: moduleInputSchema,
        response: { 201: moduleSchema, ...withNotFound },
      }),
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createModule(app.ctx, actorOf(request), request.params.id, request.body.title)),
  );
  r.patch(
    `${A}/modules/:id`,
    {
      preValidation: manage,
      schema: doc("Rename a module", {
        params: idParamSchema,
        body: moduleInputSchema,
        response: { 200: moduleSchema, ...withNotFound },
      }),
    },
    async (request) => renameModule(app.ctx, actorOf(request), request.params.id, request.body.title),
  );
  r.delete(
    `${A}/modules/:id`,
    {
      preValidation: manage,
      schema: doc("Delete a module with its lessons", {
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      }),
    },
    async (request, reply) => {
      await deleteModule(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- lessons ----
  r.post(
    `${A}/modules/:id/lessons`,
    {
      preValidation: manage,
      bodyLimit: 1_500_000,
      schema: doc("Add a lesson at the end of a module", {
        description:
          "Link lessons name an article or playbook of this workspace; embeds must be https on an allowed host; captions must be WebVTT. Faults are 422 naming the field.",
        params: idParamSchema,
        body: lessonInputSchema,
        response: { 201: lessonSchema, ...withRules },
      }),
    },
    async (request, reply) =>
      reply.status(201).send(await createLesson(app.ctx, actorOf(request), request.params.id, request.body)),
  );
  r.get(
    `${A}/lessons/:id`,
    {
      preValidation: manage,
      schema: doc("A lesson, as its author edits it", {
        params: idParamSchema,
        response: { 200: lessonSchema, ...withNotFound },
      }),
    },
    async (request) => getLesson(app.ctx, actorOf(request), request.params.id),
  );
  r.patch(
    `${A}/lessons/:id`,
    {
      preValidation: manage,
      bodyLimit: 1_500_000,
      schema: doc("Change a lesson (its kind stays)", {
        params: idParamSchema,
        body: lessonPatchSchema,
        response: { 200: lessonSchema, ...withRules },
      }),
    },
    async (request) => updateLesson(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    `${A}/lessons/:id`,
    {
      preValidation: manage,
      schema: doc("Delete a lesson", { params: idParamSchema, response: { 204: z.null(), ...withNotFound } }),
    },
    async (request, reply) => {
      await deleteLesson(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- quiz questions ----
  r.get(
    `${A}/lessons/:id/questions`,
    {
      preValidation: manage,
      schema: doc("A quiz's questions with their answers (staff only)", {
        params: idParamSchema,
        response: { 200: questionListSchema, ...withRules },
      }),
    },
    async (request) => listQuestions(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    `${A}/lessons/:id/questions`,
    {
      preValidation: manage,
      schema: doc("Add a question at the end of a quiz", {
        params: idParamSchema,
        body: questionInputSchema,
        response: { 201: questionSchema, ...withRules },
      }),
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createQuestion(app.ctx, actorOf(request), request.params.id, request.body)),
  );
  r.patch(
    `${A}/lessons/:id/questions/:questionId`,
    {
      preValidation: manage,
      schema: doc("Change a question", {
        params: questionParams,
        body: questionPatchSchema,
        response: { 200: questionSchema, ...withRules },
      }),
    },
    async (request) =>
      updateQuestion(app.ctx, actorOf(request), request.params.id, request.params.questionId, request.body),
  );
  r.delete(
    `${A}/lessons/:id/questions/:questionId`,
    {
      preValidation: manage,
      schema: doc("Delete a question", { params: questionParams, response: { 204: z.null(), ...withRules } }),
    },
    async (request, reply) => {
      await deleteQuestion(app.ctx, actorOf(request), request.params.id, request.params.questionId);
      return reply.status(204).send(null);
    },
  );
}
