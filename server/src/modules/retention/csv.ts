/**
 * A small RFC 4180 reader for lifecycle imports: comma-separated, fields optionally in double
 * quotes (a quote inside written as two), CRLF or LF line ends, quoted fields may span lines.
 * No CSV parser is installed in the project; this covers what billing exports produce and
 * reports each record with the line it starts on, so errors can name it.
 */
export type CsvRecord = { line: number; fields: string[] };

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from spreadsheet exports
  let quoted = false;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    // Blank lines are not records.
    if (!(fields.length === 1 && fields[0] === "" && !fieldStarted))
      records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
          throw new CsvSyntaxError(line, "text after a closing quote");
        continue;
      }
      if (ch === "\n") line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== "") throw new CsvSyntaxError(line, "a quote inside an unquoted field");
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      fieldStarted = true;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine, "a quoted field is not closed");
  if (field !== "" || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
