import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { FILE_KEY, type FileStore } from "./storage.ts";

/** Files on local disk under DATA_DIR/files, one folder per workspace, readable by us only. */
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
      if (!FILE_KEY.test(key)) throw new Error("bad file key");
      return fs.readFile(path.join(root, key));
    },
  };
}
