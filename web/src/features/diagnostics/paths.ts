/**
 * Paths into a snapshot, written like the server writes them: `wifi.signal_dbm`,
 * `interfaces[2].mtu`, `headers["content-type"]`.
 */
const PLAIN = /^[A-Za-z_$][\w$-]*$/;

/** The path of a child: `parent.key`, `parent[2]` or `parent["odd key"]`. */
export function childPath(parent: string, segment: string | number): string {
  if (typeof segment === "number") return `${parent}[${segment}]`;
  if (PLAIN.test(segment)) return parent === "" ? segment : `${parent}.${segment}`;
  return `${parent}[${JSON.stringify(segment)}]`;
}

/** Every path in the data whose value is a finite number, in document order (capped). */
export function numericPaths(data: unknown, limit = 200): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (out.length >= limit || depth > 12) return;
    if (typeof value === "number" && Number.isFinite(value)) {
      if (path) out.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, childPath(path, i), depth + 1);
      });
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, childPath(path, k), depth + 1);
    }
  };
  walk(data, "", 0);
  return out;
}

/** A value from a diff or snapshot, as short readable text. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const json = JSON.stringify(value);
  return json.length > 200 ? `${json.slice(0, 199)}…` : json;
}

/** Date and time to the second: snapshots are often taken minutes apart while troubleshooting. */
export function formatSeconds(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));
}
