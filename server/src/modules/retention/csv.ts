import { CsvError, parse } from "csv-parse/sync";

/**
 * Reads a lifecycle import with csv-parse (RFC 4180: quoted fields, doubled quotes, CRLF or LF,
 * fields spanning lines, a spreadsheet's byte-order mark), and gives each record the line it
 * starts on, so an error can name the line a person sees in their editor.
 */
export type CsvRecord = { line: number; fields: string[] };

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const LINE_BREAK = /\r\n?/g;

export function parseCsv(text: string): CsvRecord[] {
  try {
    // One kind of line break: csv-parse takes the first line's as the record delimiter and
    // miscounts lines when \r\n sits inside a quoted field; exports mix them.
    const rows = parse(text.replace(LINE_BREAK, "\n"), {
      bom: true,
      // Rows of the wrong width are reported by the importer with their line, not thrown here.
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    // csv-parse counts the line a record ends on; a quoted field may span lines before it.
    return rows.map(({ record, info }) => ({
      line: info.lines - record.reduce((n, f) => n + f.split("\n").length - 1, 0),
      fields: record,
    }));
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvSyntaxError(line, err.message.replace(/^[^:]*:\s*/, ""));
    }
    throw err;
  }
}
