-- Issue #23 (sign-in): passkeys (WebAuthn), Better Auth's passkey plugin (platform/auth/passkey.ts).
-- One row per registered credential. Column names are Better Auth's; do not rename them.
-- `publicKey` is the credential's public key (base64), `counter` its signature counter (a
-- cloned authenticator shows up as a counter going backwards), `credentialID` what the browser
-- names at sign-in. Nothing here is secret: the private key never leaves the authenticator.
create table auth."passkey" (
  "id" text not null primary key,
  "name" text,
  "publicKey" text not null,
  "userId" text not null references auth."user" ("id") on delete cascade,
  "credentialID" text not null,
  "counter" integer not null,
  "deviceType" text not null,
  "backedUp" boolean not null,
  "transports" text,
  "createdAt" timestamptz,
  "aaguid" text
);
create index "passkey_userId_idx" on auth."passkey" ("userId");
-- A credential id names one credential: sign-in finds the row by it.
create unique index "passkey_credentialID_idx" on auth."passkey" ("credentialID");
