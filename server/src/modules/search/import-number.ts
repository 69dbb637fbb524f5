/**
 * The original number of an imported case as typed in a search box: "4411", "#4411",
 * "ZD-4411", "zd 4411", "ZD#4411" or "Zendesk 4411" all name Zendesk ticket 4411 (issue #24).
 * Looked up in cases.import_number through its index (migration 0082), one query.
 */
export function importNumberOf(text: string): string | undefined {
  const m = /^\s*(?:(?:zd|zendesk)\s*[-#:]?\s*|#)?(\d{1,18})\s*$/i.exec(text);
  return m?.[1]?.replace(/^0+(?=\d)/, "");
}
