import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  courseSchema,
  exportQuerySchema,
  MAX_IMPORT_BYTES,
} from "../../../../../contracts/academy-courses.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { exportCourse, importCourse, parseCourseText, serialiseCourseFile } from "./course-file.service.ts";

const tags = ["Academy"];
const A = "/api/v1/academy";
const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

/** A course as one JSON or YAML file: export, and import as a new draft. */
export function academyCourseFileRoutes(app: FastifyInstance) {
  router(app).get(
    `${A}/courses/:id/export`,
    {
      preValidation: requireActor("academy.manage"),
      schema: {
        tags,
        summary:
          "The whole course as one file (JSON or YAML), answers included; uploaded videos are left out with a note",
        security: bearer,
        params: idParamSchema,
        querystring: exportQuerySchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const file = await exportCourse(app.ctx, actorOf(request), request.params.id);
      const format = request.query.format;
      const name = `${file.course.slug ?? "course"}.course.${format}`;
      return reply
        .header(
          "content-type",
          format === "yaml" ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8",
        )
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(serialiseCourseFile(file, format));
    },
  );

  // Only this scope reads YAML bodies (as text, parsed by the service so faults name their path).
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      YAML_TYPES,
      { parseAs: "string", bodyLimit: MAX_IMPORT_BYTES },
      (_req, body, done) => done(null, body),
    );
    router(scope).post(
      `${A}/courses/import`,
      {
        preValidation: requireActor("academy.manage"),
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary: "Create a draft course from a course file (JSON, or YAML with a YAML content type)",
          description:
            "The whole file is checked before anything is written: a fault is a 400 whose `field` is the path in the file, e.g. `modules.1.lessons.0.kind`. A taken slug gets -2, -3 …",
          security: bearer,
          body: z.any(),
          response: { 201: courseSchema, ...withNotFound },
        },
      },
      async (request, reply) => {
        const data =
          typeof request.body === "string"
            ? parseCourseText(request.body, request.headers["content-type"])
            : request.body;
        return reply.status(201).send(await importCourse(app.ctx, actorOf(request), data));
      },
    );
  });
}
