import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";

/**
 * The part of SSO that lives inside Better Auth: the provider's redirect lands here, Rapport's
 * SSO service decides who it is (or why not), and Better Auth makes the session and its
 * cookie the same way it does for a password, so sessions stay Better Auth's business.
 * Also refuses password sign-in where a workspace requires SSO.
 */
export type SsoAuthHooks = {
  /** Who the provider's redirect signs in, or why it is refused (a code for the login page). */
  complete: (input: {
    url: URL;
    host: string | undefined;
  }) => Promise<{ userId: string } | { refusal: string }>;
  /** A message when this email may not use a password on this host, else null. */
  passwordRefusal: (input: { email: string; host: string | undefined }) => Promise<string | null>;
};

export function ssoPlugin(hooks: () => SsoAuthHooks | undefined) {
  return {
    id: "rapport-sso",
    endpoints: {
      ssoCallback: createAuthEndpoint(
        "/sso/callback",
        { method: "GET", requireRequest: true },
        async (ctx) => {
          const sso = hooks();
          const request = ctx.request as Request;
          const host = request.headers.get("host") ?? undefined;
          const outcome = sso
            ? await sso.complete({ url: new URL(request.url), host })
            : { refusal: "not_configured" };
          if ("refusal" in outcome)
            throw ctx.redirect(`/login?sso_error=${encodeURIComponent(outcome.refusal)}`);
          const session = await ctx.context.internalAdapter.createSession(outcome.userId);
          const user = await ctx.context.internalAdapter.findUserById(outcome.userId);
          if (!session || !user) throw ctx.redirect("/login?sso_error=provider_error");
          await setSessionCookie(ctx, { session, user });
          throw ctx.redirect("/app");
        },
      ),
    },
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email = (ctx.body as { email?: unknown } | undefined)?.email;
            const sso = hooks();
            if (!sso || typeof email !== "string") return;
            const refusal = await sso.passwordRefusal({
              email,
              host: ctx.request?.headers.get("host") ?? undefined,
            });
            if (refusal) throw new APIError("FORBIDDEN", { message: refusal, code: "SSO_REQUIRED" });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
