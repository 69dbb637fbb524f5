import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { lessonSchema, MAX_COVER_BYTES } from "../../../../../contracts/academy-courses.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, optionalActor, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError, errorBody } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import {
  captionsOf,
  coverFile,
  imageFile,
  removeVideo,
  type UploadedFile,
  uploadCover,
  uploadImage,
  uploadVideo,
  videoFile,
} from "./media.service.ts";
import { parseRange } from "./range.ts";

const tags = ["Academy"];
const A = "/api/v1/academy";
const withRules = { ...withNotFound, 413: errorBodySchema, 422: errorBodySchema };

/**
 * Lesson videos and course covers: multipart uploads (only this scope reads multipart), the
 * video streamed with HTTP range requests, and captions as text/vtt.
 */
export function academyMediaRoutes(app: FastifyInstance) {
  const videoMax = app.ctx.config.academyVideoMaxBytes;

  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: videoMax, files: 1, fields: 4, parts: 5, headerPairs: 20 },
    });
    const r = router(scope);
    r.post(
      `${A}/lessons/:id/video`,
      {
        preValidation: requireActor("academy.manage"),
        // The form's own framing around the largest video, so an oversized one gets the answer naming "file".
        bodyLimit: videoMax + 1024 * 1024,
        schema: {
          tags,
          summary: "Upload a lesson's video (MP4, WebM or Ogg; the size limit is ACADEMY_VIDEO_MAX_BYTES)",
          description:
            'multipart/form-data with the video in the field "file". The type is sniffed from the bytes. The old video stays until the new one is stored whole.',
          security: bearer,
          params: idParamSchema,
          response: { 200: lessonSchema, ...withRules },
        },
      },
      async (request) => {
        const file = await readFilePart(request, videoMax, "Videos");
        return uploadVideo(app.ctx, actorOf(request), request.params.id, file);
      },
    );
    r.post(
      `${A}/courses/:id/cover`,
      {
        preValidation: requireActor("academy.manage"),
        bodyLimit: MAX_COVER_BYTES + 256 * 1024,
        schema: {
          tags,
          summary: "Upload a course's cover picture (PNG, JPEG, GIF or WebP, at most 5 MB)",
          security: bearer,
          params: idParamSchema,
          response: { 200: z.object({ coverUrl: z.string() }), ...withRules },
        },
      },
      async (request) => {
        const file = await readFilePart(request, MAX_COVER_BYTES, "Cover pictures");
        return uploadCover(app.ctx, actorOf(request), request.params.id, file);
      },
    );
  });

  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_COVER_BYTES, files: 1, fields: 4, parts: 5, headerPairs: 20 },
    });
    router(scope).post(
      `${A}/courses/:id/images`,
      {
        preValidation: requireActor("academy.manage"),
        bodyLimit: MAX_COVER_BYTES + 256 * 1024,
        schema: {
          tags,
          summary: "Upload a picture for a lesson's text (PNG, JPEG, GIF or WebP, at most 5 MB)",
          description: "The answer's `markdown` goes into the lesson's text.",
          security: bearer,
          params: idParamSchema,
          response: {
            201: z.object({ id: z.uuid(), url: z.string(), markdown: z.string() }),
            ...withRules,
          },
        },
      },
      async (request, reply) => {
        const file = await readFilePart(request, MAX_COVER_BYTES, "Pictures");
        return reply.status(201).send(await uploadImage(app.ctx, actorOf(request), request.params.id, file));
      },
    );
  });

  const r = router(app);
  r.get(
    `${A}/images/:id`,
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "A picture from a lesson's text, for whoever may read the course's lessons",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const pic = await imageFile(app.ctx, actorOf(request), request.params.id);
      return reply
        .header("content-type", pic.mime)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, max-age=600")
        .send(pic.bytes);
    },
  );
  r.delete(
    `${A}/lessons/:id/video`,
    {
      preValidation: requireActor("academy.manage"),
      schema: {
        tags,
        summary: "Remove a lesson's uploaded video",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeVideo(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${A}/lessons/:id/video`,
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "Stream a lesson's uploaded video (HTTP range requests)",
        description:
          "Staff always; signed-in customers when the course is published, or archived and they are enrolled. 206 with Content-Range for a range, 416 when the range is past the end.",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any(), 206: z.any(), 416: errorBodySchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const video = await videoFile(app.ctx, actorOf(request), request.params.id);
      return sendRange(request, reply, video.mime, video.bytes);
    },
  );

  r.get(
    `${A}/lessons/:id/captions.vtt`,
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "A lesson's WebVTT captions, for whoever may watch it",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const vtt = await captionsOf(app.ctx, actorOf(request), request.params.id);
      return reply
        .header("content-type", "text/vtt; charset=utf-8")
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-cache")
        .send(vtt);
    },
  );

  r.get(
    `${A}/courses/:id/cover`,
    {
      preValidation: optionalActor(),
      schema: {
        tags,
        summary: "A course's cover picture (anyone, once the course is published)",
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const workspaceId =
        request.actor?.workspaceId ?? (await findWorkspaceForHost(app.ctx.db, request.headers.host))?.id;
      if (!workspaceId) throw new AppError("not_found", "Cover was not found");
      const pic = await coverFile(app.ctx, workspaceId, request.actor, request.params.id);
      return reply
        .header("content-type", pic.mime)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, max-age=300")
        .send(pic.bytes);
    },
  );
}

function sendRange(request: FastifyRequest, reply: FastifyReply, mime: string, bytes: Buffer) {
  const size = bytes.length;
  reply
    .header("accept-ranges", "bytes")
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-cache")
    .header("content-disposition", "inline");
  const range = parseRange(request.headers.range, size);
  if (range === "unsatisfiable")
    return reply
      .status(416)
      .header("content-range", `bytes */${size}`)
      .send(errorBody("range_not_satisfiable", `The video has ${size} bytes`, "range"));
  if (!range) return reply.header("content-type", mime).send(bytes);
  return reply
    .status(206)
    .header("content-type", mime)
    .header("content-range", `bytes ${range.start}-${range.end}/${size}`)
    .send(bytes.subarray(range.start, range.end + 1));
}

/** The form's "file" part; a malformed, cut-off or oversized form is a 4xx naming "file". */
async function readFilePart(
  request: FastifyRequest,
  limit: number,
  what: string,
): Promise<UploadedFile | undefined> {
  if (!request.isMultipart())
    throw new AppError(
      "validation_failed",
      'Send the file as multipart/form-data in the field "file"',
      "file",
    );
  let found: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== "file") continue;
      const data = await part.toBuffer();
      if (part.fieldname === "file" && !found) found = { filename: part.filename || null, data };
    }
  } catch (err) {
    if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE")
      throw new AppError(
        "payload_too_large",
        `${what} are limited to ${Math.floor(limit / 1024 / 1024)} MB`,
        "file",
      );
    throw new AppError("validation_failed", "The upload was cut off or is not a valid form", "file");
  }
  return found;
}
