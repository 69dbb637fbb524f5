import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Files (message attachments now; more later) on local disk under DATA_DIR/files, one folder
 * per workspace. Keys are opaque and never come from user input, so paths cannot escape.
 * S3-compatible storage can replace this module behind the same two functions.
 */
export type FileStore = {
  save: (workspaceId: string, bytes: Buffer) => Promise<string>;
  read: (key: string) => Promise<Buffer>;
};

export function localFileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, "files");
  return {
    async save(workspaceId, bytes) {
      const key = `${workspaceId}/${randomUUID()}`;
      const file = path.join(root, key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes, { mode: 0o600 });
      return key;
    },
    async read(key) {
      if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error("bad file key");
      return fs.readFile(path.join(root, key));
    },
  };
}
