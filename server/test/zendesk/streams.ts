/**
 * The incremental exports as a list of segments: the generated base set first, then what each
 * `advance()` added (updated records, new records). Each segment is ordered by timestamp and
 * computes its items by position, so a page is read without any record list in memory.
 * A record that changed later sits in a later segment too; its old position answers null and
 * is passed over, so each record appears once, at its latest change, as Zendesk's export does.
 */
export interface Segment<T> {
  readonly length: number;
  /** Unix seconds; never decreasing along the segment, and no earlier than the previous segment's. */
  ts(pos: number): number;
  /** The item, or null when it has moved to a later segment since. */
  at(pos: number): T | null;
}

export interface Position {
  seg: number;
  pos: number;
}

/** The first position whose timestamp is at or after `time` (binary search in each segment). */
export function seek<T>(segments: Segment<T>[], time: number): Position {
  for (let seg = 0; seg < segments.length; seg++) {
    const s = segments[seg] as Segment<T>;
    if (s.length === 0 || s.ts(s.length - 1) < time) continue;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s.ts(mid) >= time) hi = mid;
      else lo = mid + 1;
    }
    return { seg, pos: lo };
  }
  return end(segments);
}

export function end<T>(segments: Segment<T>[]): Position {
  const last = segments.length - 1;
  return { seg: last, pos: (segments[last] as Segment<T>).length };
}

export interface ReadResult<T> {
  items: T[];
  firstTs: number | null;
  lastTs: number | null;
  /** Where the next page starts. */
  next: Position;
  /** Nothing is left after this page (for now: advance() may add more). */
  exhausted: boolean;
}

/**
 * Up to `limit` items from `from`. With `sameTimestampTail`, items sharing the last item's
 * timestamp are all included even past the limit, as Zendesk's time-based exports do (a page
 * never splits one second; the next page starts at that second again, repeating them).
 */
export function read<T>(
  segments: Segment<T>[],
  from: Position,
  limit: number,
  sameTimestampTail = false,
): ReadResult<T> {
  const items: T[] = [];
  let firstTs: number | null = null;
  let lastTs: number | null = null;
  let { seg, pos } = from;
  while (seg < segments.length) {
    const s = segments[seg] as Segment<T>;
    if (pos >= s.length) {
      if (seg === segments.length - 1) break;
      seg++;
      pos = 0;
      continue;
    }
    const ts = s.ts(pos);
    if (items.length >= limit && !(sameTimestampTail && ts === lastTs)) {
      const item = s.at(pos);
      if (item !== null) break;
      pos++; // a moved record: skip it now so `exhausted` is exact
      continue;
    }
    const item = s.at(pos);
    pos++;
    if (item === null) continue;
    items.push(item);
    firstTs ??= ts;
    lastTs = ts;
  }
  const last = segments[segments.length - 1] as Segment<T>;
  const exhausted = seg >= segments.length - 1 && pos >= last.length;
  return { items, firstTs, lastTs, next: { seg, pos }, exhausted };
}

/**
 * A time-based export page: items from `start` (inclusive), whole seconds only. `endTime` is
 * the next page's start_time: the last item's second, so that second is read again (Zendesk's
 * rule), or one past it when the whole page is that one second, so the walk cannot loop.
 */
export function readSince<T>(
  segments: Segment<T>[],
  start: number,
  limit: number,
): ReadResult<T> & { endTime: number } {
  const page = read(segments, seek(segments, start), limit, true);
  let endTime = page.lastTs ?? start;
  if (page.firstTs !== null && page.firstTs === page.lastTs && !page.exhausted) endTime += 1;
  return { ...page, endTime };
}

/** Opaque like Zendesk's (base64 of our position), checked on the way back in. */
export function encodeCursor(p: Position): string {
  return Buffer.from(`zdfake:${p.seg}:${p.pos}`).toString("base64url");
}

export function decodeCursor(cursor: string): Position | null {
  const m = /^zdfake:(\d+):(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) return null;
  return { seg: Number(m[1]), pos: Number(m[2]) };
}

/** A segment over a contiguous range: item i is computed by `make`, at time `tsOf(i)`. */
export function rangeSegment<T>(
  length: number,
  tsOf: (pos: number) => number,
  make: (pos: number) => T | null,
): Segment<T> {
  return { length, ts: tsOf, at: make };
}
