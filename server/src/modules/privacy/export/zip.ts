import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import yazl from "yazl";
import type { Executor } from "../../../platform/db/tenant.ts";
import type { FileStore } from "../../../platform/storage.ts";
import { type ExportRow, SECTIONS, type Section } from "./sections.ts";

export const EXPORT_FORMAT = "rapport-customer-export/2";
const PAGE = 500;

/** Rows of one section, page by page (keyset on `k`), without the key. */
export async function* sectionRows(
  db: Executor,
  section: Section,
  ws: string,
  customerId: string,
): AsyncGenerator<Record<string, unknown>> {
  let after = "";
  for (;;) {
    const { rows } = await section.page(ws, customerId, after, PAGE).execute(db);
    for (const { k, ...row } of rows as ExportRow[]) {
      after = k;
      yield row;
    }
    if (rows.length < PAGE) return;
  }
}

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

type Attachment = { messageId: string; id: string; name: string; key: string };

/** The customer's attachment list (ids and keys only: the bytes are read one file at a time). */
async function* attachmentsOf(db: Executor, ws: string, customerId: string): AsyncGenerator<Attachment> {
  let after = "";
  for (;;) {
    const { rows } = await sql<Attachment & { k: string }>`
      select m.id::text || '/' || (a->>'id') as k, m.id as "messageId", a->>'id' as id,
             a->>'name' as name, a->>'key' as key
        from messages m join cases c on c.id = m.case_id and c.workspace_id = m.workspace_id,
             jsonb_array_elements(m.attachments) a
       where m.workspace_id = ${ws} and c.customer_id = ${customerId} and m.kind <> 'note'
         and m.attachments <> '[]'::jsonb and m.id::text || '/' || (a->>'id') > ${after}
       order by 1 limit ${PAGE}`.execute(db);
    for (const row of rows) {
      after = row.k;
      yield row;
    }
    if (rows.length < PAGE) return;
  }
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
): Promise<{ files: Array<{ name: string; records?: number; bytes?: number }> }> {
  const zip = new yazl.ZipFile();
  const manifest: Array<{ name: string; records?: number; bytes?: number }> = [];
  const mtime = new Date();
  zip.addBuffer(Buffer.from(readme()), "README.txt", { mtime });
  manifest.push({ name: "README.txt" });
  for (const section of SECTIONS) {
    const entry: { name: string; records?: number } = { name: section.file };
    manifest.push(entry);
    const rows = sectionRows(deps.db, section, ws, customerId);
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
  for await (const a of attachmentsOf(deps.db, ws, customerId)) {
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
    for await (const row of sectionRows(db, section, ws, customerId)) rows.push(row);
    const name = section.file.replace(/\.json$/, "").replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
    doc[name] = section.file === "profile.json" ? (rows[0] ?? null) : rows;
  }
  return doc;
}
