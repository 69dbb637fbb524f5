/**
 * CSV for spreadsheets: every cell quoted, and a cell that a spreadsheet would run as a
 * formula (starting with = + - @, tab or carriage return) is prefixed with an apostrophe, so a
 * team named "=HYPERLINK(…)" stays text. Numbers are written as they are.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  return `${[header, ...rows].map((r) => r.map((c) => csvCell(c)).join(",")).join("\r\n")}\r\n`;
}
