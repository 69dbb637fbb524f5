import type { Change } from "../../../../contracts/diagnostics.ts";
import { childPath } from "./paths.ts";

/**
 * What changed between two snapshots, as a flat list of leaf changes. Objects are compared
 * key by key, arrays index by index; anything else (and a change of type) is one change of the
 * whole value. Numbers carry `delta` = after − before.
 */
export function diffSnapshots(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  walk(before, after, "", changes);
  return changes;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function walk(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      const p = childPath(path, key);
      if (Object.hasOwn(b, key)) walk(a[key], b[key], p, out);
      else out.push({ path: p, kind: "removed", before: a[key], after: null });
    }
    for (const key of Object.keys(b)) {
      if (!Object.hasOwn(a, key))
        out.push({ path: childPath(path, key), kind: "added", before: null, after: b[key] });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = childPath(path, i);
      if (i >= b.length) out.push({ path: p, kind: "removed", before: a[i], after: null });
      else if (i >= a.length) out.push({ path: p, kind: "added", before: null, after: b[i] });
      else walk(a[i], b[i], p, out);
    }
    return;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (a !== b) out.push({ path, kind: "changed", before: a, after: b, delta: subtract(b, a) });
    return;
  }
  // Equal scalars, or a change of type (container against scalar): one change of the whole value.
  if (a !== b) out.push({ path, kind: "changed", before: a, after: b });
}

/** after − before without floating-point noise such as 0.30000000000000004. */
function subtract(after: number, before: number): number {
  return Number.parseFloat((after - before).toPrecision(12));
}
