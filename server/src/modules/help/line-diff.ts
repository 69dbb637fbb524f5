/**
 * A line diff by longest common subsequence (the `diff` package is not installed). Texts are
 * articles (≤ 200 kB): the common head and tail are trimmed first, and when the middle is
 * still too large for an LCS table the middle is shown as removed then added.
 */
export type DiffLine = { op: "equal" | "add" | "remove"; text: string };

const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const out: DiffLine[] = a.slice(0, head).map((text) => ({ op: "equal", text }));
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length * y.length > MAX_CELLS) {
    for (const text of x) out.push({ op: "remove", text });
    for (const text of y) out.push({ op: "add", text });
  } else {
    out.push(...lcsDiff(x, y));
  }
  for (const text of a.slice(a.length - tail)) out.push({ op: "equal", text });
  return out;
}

function lcsDiff(x: string[], y: string[]): DiffLine[] {
  const n = x.length;
  const m = y.length;
  // len[i][j]: LCS length of x[i..] and y[j..], in one flat array.
  const len = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[at(i, j)] =
        x[i] === y[j]
          ? (len[at(i + 1, j + 1)] ?? 0) + 1
          : Math.max(len[at(i + 1, j)] ?? 0, len[at(i, j + 1)] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ op: "equal", text: x[i] as string });
      i++;
      j++;
    } else if ((len[at(i + 1, j)] ?? 0) >= (len[at(i, j + 1)] ?? 0)) {
      out.push({ op: "remove", text: x[i] as string });
      i++;
    } else {
      out.push({ op: "add", text: y[j] as string });
      j++;
    }
  }
  while (i < n) out.push({ op: "remove", text: x[i++] as string });
  while (j < m) out.push({ op: "add", text: y[j++] as string });
  return out;
}
