import type { ColumnType } from "kysely";
import type { Timestamp } from "./schema.ts";

/** A column added later with a default: inserts may leave it out. */
export type Optional<T> = ColumnType<T, T | undefined, T>;

/** Outgoing mail per workspace (migration 0016). No row, or no smtp_host: the environment's relay. */
export interface MailSettingsTable {
  workspace_id: string;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_security: "none" | "starttls" | "tls";
  smtp_user: string | null;
  /** Sealed with platform/sealed.ts; never returned by the API. */
  smtp_password_enc: string | null;
  from_name: string | null;
  from_address: string | null;
  signature: string | null;
  updated_at: Timestamp;
}
