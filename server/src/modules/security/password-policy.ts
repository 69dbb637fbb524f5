import { dictionary } from "@zxcvbn-ts/language-common";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { readSecuritySettings } from "./security-settings.repo.ts";

/**
 * The password policy (issue #23): the workspace's minimum length (at least 10), never one of
 * the ~30,000 common or breached passwords that ship in @zxcvbn-ts/language-common (offline:
 * nothing leaves the server), and never built from the person's own email or name.
 * Applied wherever Rapport sets a password: first-run setup, the CLI, accepted invitations and
 * password changes. A refusal is a 422 naming `password` (or the caller's field) with the reason.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/** Why this password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  person: { email: string; name?: string | undefined },
  minLength: number,
): string | null {
  if (password.length < minLength) return `must be at least ${minLength} characters`;
  const lower = password.toLowerCase();
  // "Password123!" is as weak as "password": also compare with trailing digits and symbols removed.
  const stem = lower.replace(/[\d\W_]+$/u, "");
  const list = commonPasswords();
  if (list.has(lower) || (stem.length >= 4 && list.has(stem)))
    return "is on the list of common or breached passwords; choose another";
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const compact = squash(password);
  const local = squash(person.email.split("@")[0] ?? "");
  const name = squash(person.name ?? "");
  if (
    compact === squash(person.email) ||
    (local.length >= 3 && compact === local) ||
    (name.length >= 3 && compact === name)
  )
    return "must not be your email address or name";
  // Mostly your own email or name with a few characters added is just as guessable.
  for (const own of [local, name]) {
    if (own.length >= 5 && compact.includes(own) && own.length * 2 >= compact.length)
      return "must not be mostly your email address or name";
  }
  return null;
}

/** Throws a 422 naming `field` when the workspace's policy refuses the password. */
export async function assertPasswordAllowed(
  scope: TenantScope,
  password: string,
  person: { email: string; name?: string | undefined },
  field = "password",
): Promise<void> {
  const { passwordMinLength } = await readSecuritySettings(scope);
  const problem = passwordProblem(password, person, passwordMinLength);
  if (problem) throw new AppError("unprocessable", `The password ${problem}`, field);
}
