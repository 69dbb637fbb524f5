/**
 * Every stored value sealed with the install's key (sealed.ts), so `rapport secrets rotate`
 * can re-seal them all under a new AUTH_SECRET. A module that starts sealing a new column
 * adds it here; `rotate-secrets.test.ts` fails when a `seal(` purpose is missing from this list.
 */
export type SealedColumn = {
  table: string;
  column: string;
  purpose: string;
  /** The value is one key of a jsonb column rather than the whole column. */
  jsonKey?: string;
};

export const SEALED_COLUMNS: SealedColumn[] = [
  { table: "webhook_endpoints", column: "secret_sealed", purpose: "webhook-secret" },
  { table: "actions", column: "secret_sealed", purpose: "action-secret" },
  { table: "messaging_channels", column: "signing_secret", purpose: "channel-secret" },
  { table: "messaging_channels", column: "settings", jsonKey: "apiKey", purpose: "channel-api-key" },
  { table: "chat_widgets", column: "identity_secret", purpose: "chat-identity" },
  { table: "support_addresses", column: "imap_password_enc", purpose: "imap-password" },
  { table: "mail_settings", column: "smtp_password_enc", purpose: "smtp-password" },
  { table: "sso_settings", column: "client_secret_enc", purpose: "sso-client-secret" },
  { table: "audit_streams", column: "secret_sealed", purpose: "audit-stream" },
  // A live import's Zendesk email and token (cleared when the run ends).
  { table: "import_runs", column: "credentials_sealed", purpose: "import-credentials" },
  // A scheduled delta sync's Zendesk email and token (kept until the sync is turned off).
  { table: "import_syncs", column: "credentials_sealed", purpose: "import-credentials" },
];
