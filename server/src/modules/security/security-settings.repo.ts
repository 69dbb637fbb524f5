import type { Executor, TenantScope } from "../../platform/db/tenant.ts";

export type SecuritySettings = { requireTwoFactorRoles: string[]; passwordMinLength: number };

/** The defaults a workspace has until an admin saves its sign-in rules (migration 0072). */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  requireTwoFactorRoles: [],
  passwordMinLength: 10,
};

export async function readSecuritySettings(scope: TenantScope): Promise<SecuritySettings> {
  const row = await scope
    .selectFrom("workspace_security_settings")
    .select(["require_two_factor_roles", "password_min_length"])
    .executeTakeFirst();
  if (!row) return DEFAULT_SECURITY_SETTINGS;
  return { requireTwoFactorRoles: row.require_two_factor_roles, passwordMinLength: row.password_min_length };
}

export async function saveSecuritySettings(scope: TenantScope, settings: SecuritySettings): Promise<void> {
  await scope
    .insertInto("workspace_security_settings", {
      require_two_factor_roles: settings.requireTwoFactorRoles,
      password_min_length: settings.passwordMinLength,
    })
    .onConflict((oc) =>
      oc.column("workspace_id").doUpdateSet({
        require_two_factor_roles: settings.requireTwoFactorRoles,
        password_min_length: settings.passwordMinLength,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** Whether the login has confirmed TOTP (Better Auth's plugin row, verified). */
export async function hasConfirmedTwoFactor(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("auth.twoFactor")
    .select("id")
    .where("userId", "=", userId)
    .where("verified", "=", true)
    .executeTakeFirst();
  return row !== undefined;
}
