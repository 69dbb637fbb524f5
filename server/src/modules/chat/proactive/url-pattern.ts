/**
 * A proactive message's page pattern: a glob where `*` stands for any text, such as
 * `/pricing*` (a path on the host site, query included) or `*\/errors/1013*` (anywhere in the
 * address). Only `*` is special, so an admin's `?` or `.` means itself.
 */
const ALLOWED = /^[A-Za-z0-9*/._~:?=&%#+@!$,;-]+$/;

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (!ALLOWED.test(pattern))
    return "may hold letters, digits, * and the characters of an address, no spaces";
  if (!/^(\/|\*|https?:\/\/)/.test(pattern)) return "must start with /, * or http(s)://";
  if (/^\*+$/.test(pattern))
    return "must name part of an address (use trigger 'event' or '/*' for every page)";
  return null;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i");
}

/**
 * Whether a page's address matches: a pattern starting with `/` is matched against the path
 * and query (the host's own pages, whatever its domain), any other against the whole address.
 */
export function matchesUrl(pattern: string, url: string): boolean {
  let whole: URL;
  try {
    whole = new URL(url);
  } catch {
    return false;
  }
  const subject = pattern.startsWith("/") ? whole.pathname + whole.search : whole.href;
  return globToRegExp(pattern).test(subject);
}
