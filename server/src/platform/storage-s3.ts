import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { Config } from "./config.ts";
import { FILE_KEY, type FileStore } from "./storage.ts";

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …). Objects are written whole and
 * never overwritten: a key is used once, so a retried save just leaves an unreferenced object.
 * Without S3_ACCESS_KEY_ID the SDK's own credential chain applies (instance roles etc.).
 */
export function s3FileStore(s3: NonNullable<Config["s3"]>): FileStore {
  const client = new S3Client({
    region: s3.region,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    forcePathStyle: s3.forcePathStyle,
    ...(s3.accessKeyId && s3.secretAccessKey
      ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
      : {}),
    // Retries of a whole message are the job queue's business; keep a failing call short.
    maxAttempts: 2,
  });
  return {
    async save(workspaceId, bytes) {
      const key = `${workspaceId}/${randomUUID()}`;
      await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: "application/octet-stream",
        }),
      );
      return key;
    },
    async read(key) {
      if (!FILE_KEY.test(key)) throw new Error("bad file key");
      const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      if (!object.Body) throw new Error(`stored file ${key} is empty`);
      return Buffer.from(await object.Body.transformToByteArray());
    },
    async saveFile(workspaceId, filePath) {
      const key = `${workspaceId}/${randomUUID()}`;
      // A known length lets the SDK send the file as one streamed PUT (no buffering).
      const { size } = await stat(filePath);
      await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: key,
          Body: createReadStream(filePath),
          ContentLength: size,
          ContentType: "application/octet-stream",
        }),
      );
      return key;
    },
    async open(key) {
      if (!FILE_KEY.test(key)) throw new Error("bad file key");
      const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      if (!(object.Body instanceof Readable) || object.ContentLength === undefined)
        throw new Error(`stored file ${key} came without a stream or a length`);
      return { stream: object.Body, size: object.ContentLength };
    },
    async *list(olderThan) {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: s3.bucket, ...(token ? { ContinuationToken: token } : {}) }),
        );
        for (const o of page.Contents ?? []) {
          // Only keys Rapport writes: a bucket shared with other data keeps that data.
          if (o.Key && FILE_KEY.test(o.Key) && o.LastModified && o.LastModified < olderThan) yield o.Key;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async delete(key) {
      if (!FILE_KEY.test(key)) throw new Error("bad file key");
      await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));
    },
  };
}
