import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { AppError } from "../../platform/http/errors.ts";

/**
 * Identities are stored normalised so that any spelling finds the same customer:
 * emails in lower case, phones in E.164 (parsed with the workspace's default region),
 * account numbers trimmed with inner spaces removed.
 */
export type IdentityKind = "email" | "phone" | "account" | "social" | "external";

const email = z.email();

export function normalizeIdentity(
  kind: IdentityKind,
  raw: string,
  region: string,
  field: string,
): { value: string; display: string } {
  const display = raw.trim();
  if (kind === "email") {
    const value = display.toLowerCase();
    if (!email.safeParse(value).success)
      throw new AppError("validation_failed", `${field}: not an email address`, field);
    return { value, display };
  }
  if (kind === "phone") {
    const value = normalizePhone(display, region);
    if (!value) throw new AppError("validation_failed", `${field}: not a phone number`, field);
    return { value, display };
  }
  // A channel's user id or a host application's user id is kept exactly as given.
  const value = kind === "social" || kind === "external" ? display : display.replace(/\s+/g, "");
  if (value.length > 500) throw new AppError("validation_failed", `${field}: at most 500 characters`, field);
  if (!value) throw new AppError("validation_failed", `${field}: is empty`, field);
  return { value, display };
}

/** E.164, or undefined when the input cannot be a phone number. */
export function normalizePhone(raw: string, region: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, region as CountryCode);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** "+1 212 555 0199" for "+12125550199": how a number reads when nobody typed it. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** A search box string that looks like a phone number (digits and punctuation only). */
export function looksLikePhone(q: string): boolean {
  return /^[+(\d][\d\s().-]{5,}$/.test(q.trim());
}
