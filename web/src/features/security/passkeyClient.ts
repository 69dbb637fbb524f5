import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/client";

/**
 * Better Auth's browser client with only the passkey plugin (issue #23): it runs the WebAuthn
 * ceremony (@simplewebauthn/browser) against /api/auth/passkey/*. Imported on demand, when
 * someone adds a passkey or signs in with one, so no first load carries it.
 */
const client = createAuthClient({
  baseURL: window.location.origin,
  basePath: "/api/auth",
  plugins: [passkeyClient()],
});

type Outcome = { ok: true } | { ok: false; code: string | undefined; message: string | undefined };

function outcome(result: { error: { code?: string; message?: string } | null }): Outcome {
  return result.error ? { ok: false, code: result.error.code, message: result.error.message } : { ok: true };
}

export async function registerPasskey(name: string): Promise<Outcome> {
  return outcome(await client.passkey.addPasskey({ name }));
}

export async function signInWithPasskey(): Promise<Outcome> {
  return outcome(await client.signIn.passkey());
}
