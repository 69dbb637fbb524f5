/**
 * Paths into a snapshot, written the way people read them: `wifi.signal_dbm`,
 * `interfaces[2].mtu`, and `headers["content-type"]` for keys that are not plain names.
 */
export type Segment = string | number;

const PLAIN = /^[A-Za-z_$][\w$-]*$/;

export function childPath(parent: string, segment: Segment): string {
  if (typeof segment === "number") return `${parent}[${segment}]`;
  if (PLAIN.test(segment)) return parent === "" ? segment : `${parent}.${segment}`;
  return `${parent}[${JSON.stringify(segment)}]`;
}

/** Parses a path back into segments; undefined when it is not a path this syntax allows. */
export function parsePath(path: string): Segment[] | undefined {
  const segments: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === "[") {
      const close = path[i + 1] === '"' ? findQuoteEnd(path, i + 1) : path.indexOf("]", i);
      if (close === -1) return undefined;
      if (path[i + 1] === '"') {
        try {
          segments.push(JSON.parse(path.slice(i + 1, close + 1)) as string);
        } catch {
          return undefined;
        }
        if (path[close + 1] !== "]") return undefined;
        i = close + 2;
      } else {
        const index = path.slice(i + 1, close);
        if (!/^\d{1,9}$/.test(index)) return undefined;
        segments.push(Number(index));
        i = close + 1;
      }
    } else {
      if (segments.length > 0) {
        if (path[i] !== ".") return undefined;
        i++;
      }
      const m = /^[A-Za-z_$][\w$-]*/.exec(path.slice(i));
      if (!m) return undefined;
      segments.push(m[0]);
      i += m[0].length;
    }
  }
  return segments.length > 0 ? segments : undefined;
}

function findQuoteEnd(s: string, start: number): number {
  for (let j = start + 1; j < s.length; j++) {
    if (s[j] === "\\") j++;
    else if (s[j] === '"') return j;
  }
  return -1;
}
