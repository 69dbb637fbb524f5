import { DateTime, IANAZone } from "luxon";
import { AppError } from "../../../platform/http/errors.ts";

/**
 * A session's start is an absolute instant; the host's IANA zone is kept beside it so mail and
 * pages can say the time the host means ("16:00 Paris time") as well as UTC.
 */

/** Refuses a zone luxon does not know (400 naming `hostTimeZone`); returns its canonical spelling. */
export function checkTimeZone(zone: string): string {
  if (!IANAZone.isValidZone(zone)) {
    throw new AppError(
      "validation_failed",
      `'${zone}' is not an IANA time zone (e.g. Europe/Paris)`,
      "hostTimeZone",
    );
  }
  return IANAZone.create(zone).name;
}

/** "Tue 1 Dec 2026, 16:00 (Europe/Paris, UTC+1)". */
export function inZone(at: Date, zone: string): string {
  const t = DateTime.fromJSDate(at, { zone });
  return `${t.setLocale("en-GB").toFormat("ccc d LLL yyyy, HH:mm")} (${zone}, UTC${t.toFormat("ZZ") === "+00:00" ? "" : t.toFormat("Z")})`;
}

/** "Tue 1 Dec 2026, 15:00 UTC". */
export function inUtc(at: Date): string {
  return `${DateTime.fromJSDate(at, { zone: "utc" }).setLocale("en-GB").toFormat("ccc d LLL yyyy, HH:mm")} UTC`;
}

/** Both, as mail states a session's time. */
export function bothTimes(at: Date, zone: string): string {
  return `${inZone(at, zone)} – ${inUtc(at)}`;
}
