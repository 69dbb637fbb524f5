import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
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
    async saveFile(workspaceId, filePath) {
      const key = `${workspaceId}/${randomUUID()}`;
      const file = path.join(root, key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await pipeline(createReadStream(filePath), createWriteStream(file, { mode: 0o600 }));
      return key;
    },
    async open(key) {
      if (!FILE_KEY.test(key)) throw new Error("bad file key");
      const handle = await fs.open(path.join(root, key), "r");
      try {
        const { size } = await handle.stat();
        return { stream: handle.createReadStream(), size };
      } catch (err) {
        await handle.close();
        throw err;
      }
    },
    async *list(olderThan) {
      const folders = await fs.readdir(root).catch(() => [] as string[]);
      for (const folder of folders) {
        const names = await fs.readdir(path.join(root, folder)).catch(() => [] as string[]);
        for (const name of names) {
          const key = `${folder}/${name}`;
          if (!FILE_KEY.test(key)) continue; // not ours (editor backups, .DS_Store …)
          const stat = await fs.stat(path.join(root, key)).catch(() => undefined);
          if (stat?.isFile() && stat.mtime < olderThan) yield key;
        }
      }
    },
    async delete(key) {
      if (!FILE_KEY.test(key)) throw new Error("bad file key");
      await fs.rm(path.join(root, key), { force: true });
    },
  };
}
