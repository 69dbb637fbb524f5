import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { communityUploadSchema } from "../../../../../contracts/community-uploads.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, optionalActor, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { readerFor } from "../readers.ts";
import { type FormPart, MAX_PICTURE_BYTES, readPicture, uploadPicture } from "./uploads.service.ts";

const tags = ["Community"];
const BASE = "/api/v1/community/uploads";
// Room for the form's own framing around the largest picture, so an oversized picture gets
// the service's answer naming "file" rather than the generic body-too-large one.
const BODY_LIMIT = MAX_PICTURE_BYTES + 256 * 1024;

/** Pictures in posts: upload (multipart) and serve. Registered by the app (`app.ts`). */
export function communityUploadRoutes(app: FastifyInstance) {
  // Only this scope reads multipart bodies (@fastify/multipart, streamed by busboy), with
  // limits that stop a hostile form early: one file of at most the picture limit, few fields.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_PICTURE_BYTES, files: 1, fields: 4, parts: 5, headerPairs: 20 },
    });
    router(scope).post(
      BASE,
      {
        preValidation: requireActor(),
        bodyLimit: BODY_LIMIT,
        schema: {
          tags,
          summary: "Upload a picture for a post (PNG, JPEG, GIF or WebP, at most 5 MB)",
          description:
            'multipart/form-data with the picture in the field "file". The type is checked from the ' +
            "bytes. Pictures are a privilege of trust level 1 and up. The answer's `markdown` goes into the post.",
          security: bearer,
          response: {
            201: communityUploadSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            403: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const file = await readFilePart(request);
        return reply.status(201).send(await uploadPicture(app.ctx, actorOf(request), file));
      },
    );
  });

  router(app).get(
    `${BASE}/:id`,
    {
      preValidation: optionalActor(),
      schema: {
        tags,
        summary: "A picture from a post, for whoever may read a post that shows it",
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const reader = await readerFor(app.ctx, request.actor, request.headers.host);
      const pic = await readPicture(app.ctx, reader, request.params.id);
      // The sniffed raster type only, never sniffed again by the browser, and no script even
      // if someone opened it as a page. Private: who may see it can change (a post is hidden
      // or moved), so shared caches keep nothing.
      return reply
        .header("content-type", pic.contentType)
        .header("content-disposition", "inline")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, max-age=600")
        .send(pic.bytes);
    },
  );
}

/** The form's "file" part, or undefined when it has none; malformed or oversized forms are 400s naming "file". */
async function readFilePart(request: FastifyRequest): Promise<FormPart | undefined> {
  if (!request.isMultipart())
    throw new AppError(
      "validation_failed",
      'Send the picture as multipart/form-data in the field "file"',
      "file",
    );
  let found: FormPart | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== "file") continue;
      const data = await part.toBuffer();
      if (part.fieldname === "file" && !found)
        found = {
          name: part.fieldname,
          filename: part.filename || null,
          contentType: part.mimetype || null,
          data,
        };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE")
      throw new AppError("validation_failed", "Pictures are limited to 5 MB", "file");
    throw new AppError(
      "validation_failed",
      'Send the picture as multipart/form-data in the field "file"',
      "file",
    );
  }
  return found;
}
