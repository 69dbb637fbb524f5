import type { ColumnType, Generated } from "kysely";
import type { AcademyTables, AcademyTenantTable } from "../../modules/academy/schema-academy.ts";
import type { ActionTables, ActionTenantTable } from "../../modules/actions/schema-actions.ts";
import type { AuditChainHeadsTable, AuditStreamsTable } from "../../modules/audit/schema-audit.ts";
import type { CaseLinkTables, CaseLinkTenantTable } from "../../modules/case-links/schema-case-links.ts";
import type { CaseCreateKeysTable } from "../../modules/cases/schema-create-keys.ts";
import type { CaseMovesTable } from "../../modules/cases/schema-merge.ts";
import type { ChannelTables, ChannelTenantTable } from "../../modules/channels/schema-channels.ts";
import type { ChatTables, ChatTenantTable } from "../../modules/chat/schema-chat.ts";
import type {
  ModerationTables,
  ModerationTenantTable,
} from "../../modules/community/moderation/schema-moderation.ts";
import type {
  ReputationTables,
  ReputationTenantTable,
} from "../../modules/community/reputation/schema-reputation.ts";
import type { CommunityTables, CommunityTenantTable } from "../../modules/community/schema-community.ts";
import type { AgentSignaturesTable, MessageForwardsTable } from "../../modules/composer/schema-composer.ts";
import type { ConductTables, ConductTenantTable } from "../../modules/conduct/schema-conduct.ts";
import type { FeedbackTables, FeedbackTenantTable } from "../../modules/feedback/schema-feedback.ts";
import type { HelpTables, HelpTenantTable } from "../../modules/help/schema-help.ts";
import type {
  HelpSearchTables,
  HelpSearchTenantTable,
} from "../../modules/help/search/schema-help-search.ts";
import type { HoursTables, HoursTenantTable } from "../../modules/hours/schema-hours.ts";
import type { ImportTables, ImportTenantTable } from "../../modules/imports/schema-imports.ts";
import type {
  NotificationTables,
  NotificationTenantTable,
} from "../../modules/notifications/schema-notifications.ts";
import type { ExportTables, ExportTenantTable } from "../../modules/privacy/export/schema-export.ts";
import type { PrivacyTables, PrivacyTenantTable } from "../../modules/privacy/schema-privacy.ts";
import type {
  DetectionTables,
  DetectionTenantTable,
} from "../../modules/problems/detection/schema-detection.ts";
import type { ProblemTables, ProblemTenantTable } from "../../modules/problems/schema-problems.ts";
import type { PeopleTables, PeopleTenantTable } from "../../modules/profiles/schema-people.ts";
import type { RepeatTables, RepeatTenantTable } from "../../modules/repeats/schema-repeats.ts";
import type { ReportTables, ReportTenantTable } from "../../modules/reports/schema-reports.ts";
import type { RetentionTables, RetentionTenantTable } from "../../modules/retention/schema-retention.ts";
import type { RoutingTables, RoutingTenantTable } from "../../modules/routing/schema-routing.ts";
import type { SecurityTables, SecurityTenantTable } from "../../modules/security/schema-security.ts";
import type { SlaTables, SlaTenantTable } from "../../modules/sla/schema-sla.ts";
import type { SsoTables, SsoTenantTable } from "../../modules/sso/schema-sso.ts";
import type { SurveyTables, SurveyTenantTable } from "../../modules/surveys/schema-surveys.ts";
import type {
  AutoMailLogTable,
  InboundEmailsTable,
  OutboundMailTable,
  SupportAddressesTable,
} from "./schema-email.ts";
import type { MailSettingsTable, Optional } from "./schema-settings.ts";
import type {
  CaseTasksTable,
  DiagnosticCodesTable,
  DiagnosticSnapshotsTable,
  EscalationsTable,
  PlaybookRunStepsTable,
  PlaybookRunsTable,
  PlaybooksTable,
  PlaybookVersionsTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from "./schema-troubleshooting.ts";

export type * from "../../modules/cases/schema-merge.ts";
export type * from "../../modules/composer/schema-composer.ts";
export type * from "../../modules/problems/detection/schema-detection.ts";
export type * from "./schema-email.ts";
export type * from "./schema-settings.ts";
export type * from "./schema-troubleshooting.ts";

/**
 * Kysely's view of the tables in server/migrations. Keep in step with the SQL.
 * Better Auth's tables are listed under "auth.*" only where Rapport reads them.
 * The email and the troubleshooting tables are in schema-email.ts and schema-troubleshooting.ts.
 */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Role = "admin" | "agent" | "customer" | "engineer" | "moderator";

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  host: string | null;
  default_locale: Generated<string>;
  default_region: Generated<string>;
  /** The sample company's workspace (`npm run demo`), which the demo alone may fill or remove. */
  is_demo: Generated<boolean>;
  /** The logo, a key in the file store (migration 0016), and its sniffed content type. */
  logo_key: Optional<string | null>;
  logo_type: Optional<string | null>;
  /** The public pages' brand colour, #rrggbb (0024). */
  brand_color: Optional<string | null>;
  /** IANA time zone name (0016). */
  time_zone: Generated<string>;
  created_at: Timestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  role: Role;
  status: Generated<"active" | "deactivated">;
  locale: string | null;
  /** The person's picture in this workspace, a key in the file store (0016). */
  avatar_key: Optional<string | null>;
  avatar_type: Optional<string | null>;
  /** Insults in abusive messages are masked in this person's view unless turned off (0053). */
  mask_abuse: Generated<boolean>;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  workspace_id: string;
  actor_user_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  request_id: string | null;
  created_at: Timestamp;
  /** The hash chain (migration 0073, modules/audit/audit.ts). */
  seq: number;
  prev_hash: string;
  hash: string;
}

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AuthAccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  password: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CustomersTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  organization: string | null;
  user_id: string | null;
  merged_into: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set by erasure (migration 0075): the name is a placeholder and the personal data gone. */
  erased_at: Generated<Date | null>;
}

export interface CustomerIdentitiesTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  kind: "email" | "phone" | "account" | "social" | "external";
  value: string;
  display: string;
  undeliverable: string | null;
  created_at: Timestamp;
}

export interface DevicesTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  model: string;
  serial: string;
  firmware: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  created_at: Timestamp;
}

export interface TeamMembersTable {
  workspace_id: string;
  team_id: string;
  membership_id: string;
  /** A lead approves actions over their limit and hears of the team's SLA breaches (0037). */
  is_lead: Generated<boolean>;
}

export interface CaseNumbersTable {
  workspace_id: string;
  last_number: number;
}

export interface CasesTable {
  id: Generated<string>;
  workspace_id: string;
  number: number;
  customer_id: string;
  subject: string;
  status: Generated<string>;
  priority: Generated<string>;
  channel: string;
  assignee_id: string | null;
  team_id: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  last_activity_at: Timestamp;
  waiting_since: Date | null;
  /** SLA state (0037), kept by the SLA part (modules/sla); due times are counted in business hours. */
  sla_policy_id: Optional<string | null>;
  sla_first_reply_due_at: Optional<Date | null>;
  sla_next_reply_due_at: Optional<Date | null>;
  sla_resolution_due_at: Optional<Date | null>;
  sla_paused_at: Optional<Date | null>;
  sla_breached_at: Optional<Date | null>;
  first_replied_at: Optional<Date | null>;
  reply_token: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set on a merged case: the tombstone points at the survivor (migration 0015). */
  merged_into_case_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The problem a pending case waits on: its pending reason (migration 0020). */
  waiting_on_problem_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last email reply's CC/BCC, offered again for the next one (migration 0018). */
  reply_cc: ColumnType<string[], string[] | undefined, string[]>;
  reply_bcc: ColumnType<string[], string[] | undefined, string[]>;
  /** Where an imported case came from ("zendesk") and its number there (migration 0082). */
  import_source: ColumnType<string | null, string | null | undefined, string | null>;
  import_number: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  kind: "customer" | "reply" | "note";
  author_user_id: string | null;
  author_name: string;
  body: string;
  channel: string;
  attachments: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  email_message_id: ColumnType<string | null, string | null | undefined, string | null>;
  email_in_reply_to: ColumnType<string | null, string | null | undefined, string | null>;
  email_references: ColumnType<string[], string[] | undefined, string[]>;
  body_html: ColumnType<string | null, string | null | undefined, string | null>;
  from_address: ColumnType<string | null, string | null | undefined, string | null>;
  flagged: ColumnType<string | null, string | null | undefined, string | null>;
  inbound_email_id: ColumnType<string | null, string | null | undefined, string | null>;
  delivery_status: ColumnType<
    "queued" | "sent" | "failed" | null,
    "queued" | "sent" | "failed" | null | undefined,
    "queued" | "sent" | "failed" | null
  >;
  delivery_error: ColumnType<string | null, string | null | undefined, string | null>;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  email_cc: ColumnType<string[], string[] | undefined, string[]>;
  email_bcc: ColumnType<string[], string[] | undefined, string[]>;
}

export interface FactsTable {
  id: Generated<number>;
  workspace_id: string;
  customer_id: string;
  key: string;
  value: ColumnType<unknown, string, string>;
  recorded_by: string | null;
  recorded_by_name: string | null;
  source_case_id: string | null;
  source_channel: string | null;
  recorded_at: Timestamp;
  superseded_at: Date | null;
}

export interface CallsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  from_number: string;
  to_number: string;
  case_id: string | null;
  started_at: Timestamp;
  ended_at: Date | null;
  duration_seconds: number | null;
  note: string | null;
  ended_by: string | null;
  recording_url: string | null;
  transcript: string | null;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  workspace_id: string;
  customer_id: string;
  case_id: string | null;
  kind: string;
  actor_user_id: string | null;
  actor_name: string | null;
  data: ColumnType<unknown, string, string>;
  occurred_at: Timestamp;
}

export interface SavedViewsTable {
  id: Generated<string>;
  workspace_id: string;
  membership_id: string;
  name: string;
  filters: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  /** Taken back by an admin (0016); the link no longer works. */
  revoked_at: Optional<Date | null>;
  created_at: Timestamp;
}

export interface Database
  extends ProblemTables,
    DetectionTables,
    HelpTables,
    HelpSearchTables,
    CommunityTables,
    ModerationTables,
    ReputationTables,
    FeedbackTables,
    HoursTables,
    ActionTables,
    RoutingTables,
    PeopleTables,
    SlaTables,
    NotificationTables,
    SurveyTables,
    RepeatTables,
    ConductTables,
    ReportTables,
    RetentionTables,
    CaseLinkTables,
    AcademyTables,
    ChatTables,
    ChannelTables,
    ImportTables,
    SecurityTables,
    PrivacyTables,
    ExportTables,
    SsoTables {
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_streams: AuditStreamsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  devices: DevicesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  case_numbers: CaseNumbersTable;
  cases: CasesTable;
  case_moves: CaseMovesTable;
  case_create_keys: CaseCreateKeysTable;
  agent_signatures: AgentSignaturesTable;
  message_forwards: MessageForwardsTable;
  messages: MessagesTable;
  facts: FactsTable;
  calls: CallsTable;
  timeline_events: TimelineEventsTable;
  saved_views: SavedViewsTable;
  invitations: InvitationsTable;
  support_addresses: SupportAddressesTable;
  inbound_emails: InboundEmailsTable;
  auto_mail_log: AutoMailLogTable;
  outbound_mail: OutboundMailTable;
  mail_settings: MailSettingsTable;
  diagnostic_snapshots: DiagnosticSnapshotsTable;
  diagnostic_codes: DiagnosticCodesTable;
  playbooks: PlaybooksTable;
  playbook_versions: PlaybookVersionsTable;
  playbook_runs: PlaybookRunsTable;
  playbook_run_steps: PlaybookRunStepsTable;
  escalations: EscalationsTable;
  case_tasks: CaseTasksTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  "auth.user": AuthUserTable;
  "auth.account": AuthAccountTable;
}

/** Tables that belong to one workspace; tenant.ts scopes every query on them. */
export type TenantTable =
  | ImportTenantTable
  | SecurityTenantTable
  | ExportTenantTable
  | SsoTenantTable
  | AcademyTenantTable
  | ChatTenantTable
  | ChannelTenantTable
  | PrivacyTenantTable
  | ActionTenantTable
  | CaseLinkTenantTable
  | SurveyTenantTable
  | RepeatTenantTable
  | ConductTenantTable
  | ReportTenantTable
  | RetentionTenantTable
  | CommunityTenantTable
  | HoursTenantTable
  | RoutingTenantTable
  | PeopleTenantTable
  | SlaTenantTable
  | NotificationTenantTable
  | FeedbackTenantTable
  | ModerationTenantTable
  | ReputationTenantTable
  | ProblemTenantTable
  | DetectionTenantTable
  | HelpTenantTable
  | HelpSearchTenantTable
  | "memberships"
  | "api_tokens"
  | "audit_log"
  | "audit_chain_heads"
  | "audit_streams"
  | "customers"
  | "customer_identities"
  | "devices"
  | "teams"
  | "team_members"
  | "case_numbers"
  | "cases"
  | "case_moves"
  | "case_create_keys"
  | "agent_signatures"
  | "message_forwards"
  | "messages"
  | "facts"
  | "calls"
  | "timeline_events"
  | "saved_views"
  | "invitations"
  | "support_addresses"
  | "inbound_emails"
  | "auto_mail_log"
  | "outbound_mail"
  | "mail_settings"
  | "diagnostic_snapshots"
  | "diagnostic_codes"
  | "playbooks"
  | "playbook_versions"
  | "playbook_runs"
  | "playbook_run_steps"
  | "escalations"
  | "case_tasks"
  | "webhook_endpoints"
  | "webhook_deliveries";
