import type { Readable } from "node:stream";
import type { Config } from "./config.ts";
import { localFileStore } from "./storage-local.ts";
import { s3FileStore } from "./storage-s3.ts";

/**
 * Files (message attachments and inline images now; more later): on local disk under
 * DATA_DIR/files, or in an S3-compatible bucket when S3_BUCKET is set. Both keep the same keys,
 * `<workspace id>/<random uuid>`, generated here and never taken from user input, so a key
 * cannot escape its store and stored keys stay valid when an install moves its files to S3.
 */
export type FileStore = {
  save: (workspaceId: string, bytes: Buffer) => Promise<string>;
  read: (key: string) => Promise<Buffer>;
  /** Stores a file from local disk as it streams, never whole in memory (big files: exports). */
  saveFile: (workspaceId: string, filePath: string) => Promise<string>;
  /**
   * A stored file as a stream with its size (for Content-Length), never whole in memory. The
   * file is opened before this resolves, so a delete racing the download cannot cut it short
   * on disk. The caller must consume or destroy the stream.
   */
  open: (key: string) => Promise<{ stream: Readable; size: number }>;
  /** Every stored key last written before `olderThan` (for the orphaned-file collector). */
  list: (olderThan: Date) => AsyncIterable<string>;
  /** Removes a file; a key that is already gone is not an error. */
  delete: (key: string) => Promise<void>;
};

export const FILE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export function createFileStore(config: Pick<Config, "dataDir" | "s3">): FileStore {
  return config.s3 ? s3FileStore(config.s3) : localFileStore(config.dataDir);
}
