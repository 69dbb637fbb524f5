/** Minimal types for oidc-provider, the real OpenID Provider the SSO tests start on loopback. */
declare module "oidc-provider" {
  import type { RequestListener } from "node:http";

  type Grant = {
    jti: string;
    addOIDCScope: (scope: string) => void;
    save: () => Promise<string>;
  };
  type GrantClass = {
    new (init: { clientId: string; accountId: string }): Grant;
    find: (id: string) => Promise<Grant | undefined>;
  };
  type Session = {
    accountId?: string;
    grantIdFor: (clientId: string, grantId?: string) => string | undefined;
  };
  type Context = {
    oidc: {
      session?: Session;
      client?: { clientId: string };
      result?: { consent?: { grantId?: string } };
      provider: { Grant: GrantClass };
    };
  };
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };
  type Configuration = {
    clients: Array<Record<string, unknown>>;
    claims?: Record<string, string[]>;
    cookies?: { keys: string[] };
    features?: Record<string, unknown>;
    findAccount: (ctx: Context, id: string) => Promise<Account | undefined>;
    loadExistingGrant?: (ctx: Context) => Promise<Grant | undefined>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    callback(): RequestListener;
  }
}
