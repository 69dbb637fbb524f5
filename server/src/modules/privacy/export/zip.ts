import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import type { Executor } from "../../../platform/db/tenant.ts";
import type { FileStore } from "../../../platform/storage.ts";
import { customerAttachments, SECTIONS } from "./sections.ts";

export const EXPORT_FORMAT = "rapport-customer-export/2";
/** Rows per query (each section's keyset page); tests lower it to cross page boundaries. */
export const EXPORT_PAGE_SIZE = 500;

/** A section as a JSON array, written a page at a time; `counted` learns the row count at the end. */
async function* jsonArray(
  rows: AsyncIterable<unknown>,
  counted: (n: number) => void,
): AsyncGenerator<Buffer> {
  let n = 0;
  let chunk = "[";
  for await (const row of rows) {
    chunk += `${n === 0 ? "\n" : ",\n"}${JSON.stringify(row)}`;
    n++;
    if (chunk.length > 64_000) {
      yield Buffer.from(chunk);
      chunk = "";
    }
  }
  yield Buffer.from(`${chunk}${n === 0 ? "" : "\n"}]\n`);
  counted(n);
}

// File names come from senders: keep them inside their folder and readable everywhere.
const safeName = (name: string) =>
  [...name]
    .map((ch) => (ch === "/" || ch === "\\" || ch.charCodeAt(0) < 32 ? "_" : ch))
    .join("")
    .slice(0, 120) || "file";

const readme = () =>
  [
    "Your data, exported from the support workspace.",
    "",
    "Each .json file is a list of records. Times are in UTC (ISO 8601).",
    "",
    ...SECTIONS.map((s) => `${s.file}: ${s.describes}`),
    "attachments/<message id>/<file>: the files attached to your messages, as they were sent.",
    "manifest.json: this list, with how many records or bytes each file holds.",
    "",
  ].join("\n");

/**
 * Writes the customer's export zip to `out` (a file path): each section streamed from the
 * database a page at a time, each attachment read from storage only when the zip reaches it,
 * so memory stays flat however much the customer has. yazl writes entries one after another,
 * which is what makes the lazy streams safe. Returns the manifest.
 */
export async function writeExportZip(
  deps: { db: Executor; files: FileStore },
  ws: string,
  customerId: string,
  out: string,
  opts: { pageSize?: number } = {},
): Promise<{ files: Array<{ name: string; records?: number; bytes?: number }> }> {
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const zip = new yazl.ZipFile();
  const manifest: Array<{ name: string; records?: number; bytes?: number }> = [];
  const mtime = new Date();
  zip.addBuffer(Buffer.from(readme()), "README.txt", { mtime });
  manifest.push({ name: "README.txt" });
  for (const section of SECTIONS) {
    const entry: { name: string; records?: number } = { name: section.file };
    manifest.push(entry);
    const rows = section.rows(deps.db, ws, customerId, pageSize);
    zip.addReadStream(
      Readable.from(
        jsonArray(rows, (n) => {
          entry.records = n;
        }),
      ),
      section.file,
      { mtime },
    );
  }
  // The attachment list must be known before the archive ends; it is small (keys, not bytes).
  for await (const a of customerAttachments(deps.db, ws, customerId, pageSize)) {
    const name = `attachments/${a.messageId}/${a.id}-${safeName(a.name)}`;
    const entry: { name: string; bytes?: number } = { name };
    manifest.push(entry);
    const lazyFile = async function* () {
      const bytes = await deps.files.read(a.key);
      entry.bytes = bytes.length;
      yield bytes;
    };
    zip.addReadStream(Readable.from(lazyFile()), name, { mtime, compress: false });
  }
  // Written last, when every count above is known (yazl reads entries in order).
  const manifestJson = async function* () {
    yield Buffer.from(
      JSON.stringify(
        { format: EXPORT_FORMAT, exportedAt: mtime.toISOString(), customerId, files: manifest },
        null,
        2,
      ),
    );
  };
  zip.addReadStream(Readable.from(manifestJson()), "manifest.json", { mtime });
  zip.end();
  // A failed read (a file missing from storage, a query error) surfaces on the zip, not the pipe.
  const failed = new Promise<never>((_resolve, reject) =>
    zip.on("error", (err: Error) => {
      (zip.outputStream as unknown as NodeJS.ReadableStream & { destroy: (e: Error) => void }).destroy(err);
      reject(err);
    }),
  );
  await Promise.race([pipeline(zip.outputStream, fs.createWriteStream(out)), failed]);
  return { files: manifest };
}

/**
 * The JSON part of the export as one document (no files): what the conduct ladder attaches
 * to its final notice (`conduct/history/export.ts`). Held in memory, so only for that.
 */
export async function exportDocument(db: Executor, ws: string, customerId: string) {
  const doc: Record<string, unknown> = { exportedAt: new Date().toISOString(), format: EXPORT_FORMAT };
  for (const section of SECTIONS) {
    const rows: unknown[] = [];
    for await (const row of section.rows(db, ws, customerId, EXPORT_PAGE_SIZE)) rows.push(row);
    const name = section.file.replace(/\.json$/, "").replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
    doc[name] = section.file === "profile.json" ? (rows[0] ?? null) : rows;
  }
  return doc;
}
