import type { TFunction } from "i18next";
import { ApiError } from "../../api/client.ts";

/** A sign-in failure in words a person can act on. */
export function authErrorMessage(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return t("common.networkError");
  if (err.status === 401) return t("auth.badCredentials");
  if (err.status === 429) return t("auth.rateLimited");
  return err.message || t("common.genericError");
}
