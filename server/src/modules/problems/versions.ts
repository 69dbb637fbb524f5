/**
 * Firmware ranges of a problem's affected products ("< 12.2", ">= 11 < 12.2", "12.1"),
 * matched against a device's recorded firmware. Versions compare segment by segment,
 * numerically where both segments are numbers ("12.10" > "12.9"), else as text.
 */
type Op = "<" | "<=" | ">" | ">=" | "=";
const COMPARISON = /(<=|>=|<|>|=)?\s*([0-9A-Za-z][0-9A-Za-z.\-_]*)/g;

export function parseRange(range: string): Array<{ op: Op; version: string }> {
  const parts: Array<{ op: Op; version: string }> = [];
  for (const m of range.matchAll(COMPARISON)) {
    parts.push({ op: (m[1] as Op | undefined) ?? "=", version: m[2] as string });
  }
  return parts;
}

function segments(v: string): string[] {
  return v
    .toLowerCase()
    .replace(/^v/, "")
    .split(/[.\-_]/)
    .filter(Boolean);
}

export function compareVersions(a: string, b: string): number {
  const x = segments(a);
  const y = segments(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    // A missing segment counts as 0: "12.2" equals "12.2.0".
    const p = x[i] ?? "0";
    const q = y[i] ?? "0";
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    // "12.2" before "12.2b": a number before text with the same leading digits.
    const lead = Number.parseInt(p, 10) - Number.parseInt(q, 10);
    if (!Number.isNaN(lead) && lead !== 0) return lead;
    return p < q ? -1 : 1;
  }
  return 0;
}

/**
 * Whether `firmware` falls in `range`. No range means every version. A device with no
 * recorded firmware matches only a product without a range: we cannot tell otherwise, and
 * a wrong "known issue" on screen costs more than a missing one.
 */
export function firmwareInRange(firmware: string | null, range: string | undefined): boolean {
  if (!range || range.trim() === "") return true;
  if (!firmware) return false;
  return parseRange(range).every(({ op, version }) => {
    const c = compareVersions(firmware, version);
    if (op === "<") return c < 0;
    if (op === "<=") return c <= 0;
    if (op === ">") return c > 0;
    if (op === ">=") return c >= 0;
    return c === 0;
  });
}

/** Model names match ignoring case and surrounding spaces ("Play:5" = "play:5 "). */
export function sameModel(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
