import * as client from "openid-client";

/**
 * The OIDC protocol, through openid-client: discovery, the authorization URL (code flow with
 * PKCE S256, state and nonce) and the code exchange, which checks the ID token's signature,
 * issuer, audience, nonce and expiry. Rapport never parses tokens itself.
 */
export type OidcClientSettings = { issuer: string; clientId: string; clientSecret: string | undefined };

/**
 * Plain http is accepted only for a provider on this machine (a test or a local provider);
 * anything else must be https, as openid-client requires.
 */
function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export async function discover(settings: OidcClientSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === "http:" && isLoopback(issuer);
  const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
  return client.discovery(
    issuer,
    settings.clientId,
    undefined,
    auth,
    insecure ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  );
}

export type PendingSignIn = { state: string; nonce: string; codeVerifier: string };

export async function authorizationUrl(
  config: client.Configuration,
  redirectUri: string,
): Promise<{ url: URL; pending: PendingSignIn }> {
  const pending = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid email profile",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
  });
  return { url, pending };
}

export type VerifiedClaims = Record<string, unknown> & { sub: string };

/** Exchanges the code; throws when any check fails (state, nonce, PKCE, signature, audience). */
export async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  redirectUri: string,
  pending: PendingSignIn,
): Promise<VerifiedClaims> {
  const tokens = await client.authorizationCodeGrant(
    config,
    callbackUrl,
    {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    },
    { redirect_uri: redirectUri },
  );
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("the provider returned no ID token");
  // Providers differ in what they put in the ID token; the userinfo answer fills the gaps
  // (email, groups), for the same subject only.
  let userinfo: Record<string, unknown> = {};
  try {
    userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  } catch {
    userinfo = {};
  }
  return { ...userinfo, ...idClaims } as VerifiedClaims;
}
