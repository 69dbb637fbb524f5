/**
 * The fake account's id ranges, where the odd records sit, and its calendar: organizations,
 * then users (30 days from 2020-01-01), then four years of tickets. Ids are large like
 * Zendesk's (below 2^53), except tickets, which start at 1 as Zendesk's ticket numbers do.
 */
export const ID = {
  user: 360_000_000_000,
  identity: 361_000_000_000,
  org: 362_000_000_000,
  group: 363_000_000_000,
  ticketField: 364_000_000_000,
  userField: 364_100_000_000,
  orgField: 364_200_000_000,
  audit: 370_000_000_000,
  comment: 380_000_000_000,
  change: 390_000_000_000,
  attachment: 400_000_000_000,
  macro: 410_000_000_000,
  rating: 420_000_000_000,
  hcCategory: 430_000_000_000,
  hcSection: 431_000_000_000,
  hcArticle: 432_000_000_000,
  hcTranslation: 433_000_000_000,
} as const;

/** Which ticket carries which odd thing (when `odd` is on and there are enough tickets). */
export const ODD = {
  bigComment: 2,
  emoji: 3,
  rtl: 4,
  hostileHtml: 5,
  longSubject: 6,
  hugeAttachment: 7,
  deleted: 8,
  unknownStatus: 9,
  nullRequester: 10,
  commentWithoutBody: 11,
  /** End users by their index among end users. */
  rtlUser: 1,
  softDeletedUser: 2,
  permanentlyDeletedUser: 3,
  phoneOnlyUser: 4,
  mixedCaseEmailUser: 5,
  hebrewUser: 6,
} as const;
export const UNKNOWN_STATUS = "escalated";
export const HUGE_ATTACHMENT_BYTES = 6 * 1024 * 1024;

export const DAY = 86_400;
export const T0 = Date.UTC(2020, 0, 1) / 1000;
export const ORGS_FROM = T0 - 60 * DAY;
export const USERS_FROM = T0;
export const TICKETS_FROM = T0 + 45 * DAY;
export const TICKET_SPAN = 4 * 365 * DAY;
export const ARCHIVE_AFTER = 120 * DAY;

const TWO = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
/** "YYYY-MM-DDT" by day number: a few thousand days at most (the dataset spans about five years). */
const isoDays = new Map<number, string>();

/** "2024-03-01T10:00:00Z" from Unix seconds, without a Date per call (it was the top cost of a page). */
export function iso(ts: number): string {
  const day = Math.floor(ts / DAY);
  let prefix = isoDays.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY * 1000).toISOString().slice(0, 11);
    isoDays.set(day, prefix);
  }
  const s = ts - day * DAY;
  return `${prefix}${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]}Z`;
}
