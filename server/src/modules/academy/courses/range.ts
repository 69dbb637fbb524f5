/**
 * One byte range from an HTTP Range header (RFC 9110 §14.1.2) against a file of `size` bytes:
 * `bytes=0-99`, `bytes=100-` and the suffix `bytes=-100`. Several ranges are answered with the
 * whole file (allowed by the RFC, and players ask for one). `undefined`: no usable header,
 * send everything; `"unsatisfiable"`: 416.
 */
export type ByteRange = { start: number; end: number };

export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | "unsatisfiable" | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a = "", b = ""] = m;
  if (a === "" && b === "") return undefined;
  if (a === "") {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  // A last position before the first is not a valid range at all: ignored, like no header.
  if (b !== "" && Number(b) < start) return undefined;
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size) return "unsatisfiable";
  return { start, end };
}
