import { betterAuth } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { magicLink } from "better-auth/plugins/magic-link";
import type pg from "pg";
import { type SsoAuthHooks, ssoPlugin } from "../../modules/sso/sso-auth-plugin.ts";
import { type PasskeyAuthHooks, passkeyPlugins } from "./passkey.ts";
import { twoFactorPlugins } from "./two-factor.ts";

/**
 * Better Auth owns identities, passwords (scrypt, memory-hard), sessions, magic links and
 * login rate limits. Its tables live in the `auth` schema (it gets a pool whose search_path
 * is `auth`), apart from Rapport's own tables, which refer to auth.user by id.
 * Who may do what inside a workspace is Rapport's business: see memberships and policy.ts.
 */
export type AuthHooks = {
  /** Called for each link request. Returns false to send nothing (e.g. for staff addresses). */
  deliverMagicLink: (input: { email: string; url: string; request: Request | undefined }) => Promise<void>;
  /** Called after a magic link signed someone in, so the customer can join the workspace. */
  magicLinkSignedIn: (input: {
    userId: string;
    email: string;
    request: Request | undefined;
  }) => Promise<void>;
  /** Called after every password sign-in and magic-link sign-in, failed or not (the audit log). */
  signInAttempted?: (input: {
    method: "password" | "magic_link";
    userId: string | null;
    email: string;
    failure: string | null;
    request: Request | undefined;
  }) => Promise<void>;
  /** Single sign-on (issue #23): the provider's redirect, and "require SSO" for passwords. */
  sso?: SsoAuthHooks;
  /** Passkeys (issue #23): audit of added passkeys and passkey sign-ins, SSO's refusal. */
  passkey?: PasskeyAuthHooks;
};

export const CLIENT_IP_HEADER = "x-rapport-client-ip";
export const AUTH_BASE_PATH = "/api/auth";

export function createAuth(opts: {
  pool: pg.Pool;
  secret: string;
  publicUrl: string;
  /** Per request: the install's own origin plus the workspace host the browser is on. */
  trustedOrigins: (request: Request | undefined) => string[];
  /** Password sign-ins per minute per client; link requests get half. */
  loginRateLimit: number;
  hooks: AuthHooks;
}) {
  const url = new URL(opts.publicUrl);
  // Secure cookies need HTTPS; browsers make an exception for localhost, so a local install works too.
  const secureCookies =
    url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return betterAuth({
    appName: "Rapport",
    baseURL: opts.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: opts.secret,
    database: opts.pool,
    trustedOrigins: opts.trustedOrigins,
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // Staff accounts are made by setup, the CLI or an invitation, never by public sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      // Stored in PostgreSQL so several app processes share one count per client.
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: opts.loginRateLimit },
        "/sign-in/magic-link": { window: 60, max: Math.max(1, Math.floor(opts.loginRateLimit / 2)) },
        "/magic-link/verify": { window: 60, max: 20 },
        // Second-factor codes (issue #23): a few tries per client per minute, besides the
        // plugin's own per-challenge and per-account limits (platform/auth/two-factor.ts).
        "/two-factor/verify-totp": { window: 60, max: 5 },
        "/two-factor/verify-backup-code": { window: 60, max: 5 },
        "/passkey/verify-authentication": { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: secureCookies,
      cookiePrefix: "rapport",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: secureCookies },
      // The HTTP layer writes the socket's address (or the proxy's, with TRUST_PROXY) into this
      // header after deleting any client-sent copy, so rate limits key on the real client.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      magicLink({
        expiresIn: 15 * 60,
        sendMagicLink: async ({ email, url: link }, ctx) => {
          await opts.hooks.deliverMagicLink({ email, url: link, request: ctx?.request });
        },
      }),
      ...twoFactorPlugins(opts.secret),
      ssoPlugin(() => opts.hooks.sso),
      ...passkeyPlugins(opts.publicUrl, () => opts.hooks.passkey),
    ],
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email" || ctx.path === "/magic-link/verify") {
          const returned = ctx.context.returned as { body?: { code?: string } } | undefined;
          const user = ctx.context.newSession?.user;
          await opts.hooks.signInAttempted?.({
            method: ctx.path === "/sign-in/email" ? "password" : "magic_link",
            userId: user?.id ?? null,
            email: user?.email ?? String((ctx.body as { email?: unknown } | undefined)?.email ?? ""),
            failure: user ? null : (returned?.body?.code ?? "FAILED"),
            request: ctx.request,
          });
        }
        if (ctx.path !== "/magic-link/verify") return;
        const session = ctx.context.newSession;
        if (!session) return;
        await opts.hooks.magicLinkSignedIn({
          userId: session.user.id,
          email: session.user.email,
          request: ctx.request,
        });
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
