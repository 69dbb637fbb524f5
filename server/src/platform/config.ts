import path from "node:path";
import { z } from "zod";
import { DEFAULT_EMBED_HOSTS } from "../../../contracts/academy-courses.ts";

/**
 * Every setting Rapport reads comes from the environment and is described here, once.
 * README.md's configuration table mirrors this list; keep the two in step.
 * A bad value stops start-up with a message naming the variable, never a stack trace later.
 */
const port = z.coerce.number().int().min(0).max(65535);
// "on"/"off" too: the fences' switches are documented that way (DB_TENANT_FENCE=off).
const bool = z
  .enum(["true", "false", "1", "0", "on", "off", ""])
  .transform((v) => v === "true" || v === "1" || v === "on");
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.join(" or ")}//`,
  );

const envSchema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default("localhost"),
    PUBLIC_URL: url(["http:", "https:"]).optional(),
    DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    EMBEDDED_PG_PORT: port.default(54329),
    DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
    DB_PREPARED_STATEMENTS: bool.default(true),
    DB_REQUEST_FENCE: bool.default(true),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    SMTP_URL: url(["smtp:", "smtps:"]).optional(),
    MAIL_FROM: z.string().min(3).default("Rapport <no-reply@localhost>"),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(1024 * 1024),
    TRUST_PROXY: bool.default(false),
    SMTP_PORT: port.default(2525),
    SMTP_HOST: z.string().min(1).optional(),
    SUPPORT_ADDRESSES: z
      .string()
      .default("support@localhost")
      .transform((v) =>
        v
          .split(",")
          .map((a) => a.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (list) => list.length > 0 && list.every((a) => /^[^@\s]+@[^@\s]+$/.test(a)),
        "must be comma-separated email addresses",
      ),
    MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .default(25 * 1024 * 1024),
    SMTP_CONNECTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
    EMAIL_ACKNOWLEDGEMENT: z.string().max(5000).optional(),
    AUTO_MAIL_PER_HOUR: z.coerce.number().int().min(0).max(1000).default(5),
    // The every-minute sweep that embeds new cases for problem detection (off in test servers:
    // each would load the model and embed its cases; detection's reads catch up by themselves).
    DETECTION_SWEEP: bool.default(true),
    // Stored files no message lists are deleted once older than this (a rolled-back save).
    ORPHAN_FILE_GRACE_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 365)
      .default(24),
    DIAGNOSTICS_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    DIAGNOSTICS_SECRET_KEYS: z
      .string()
      .default("password,psk,secret,token")
      .transform((v) =>
        v
          .split(",")
          .map((k) => k.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine((list) => list.length > 0, "must be comma-separated key patterns"),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    WEBHOOK_ALLOW_PRIVATE: bool.default(false),
    S3_ENDPOINT: url(["http:", "https:"]).optional(),
    S3_BUCKET: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        "must be a bucket name (3–63 lower-case letters, digits, . or -)",
      )
      .optional(),
    S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/, "must be a region name like us-east-1")
      .optional(),
    S3_ACCESS_KEY_ID: z.string().min(3).max(256).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).max(256).optional(),
    S3_FORCE_PATH_STYLE: bool.default(false),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_FORMAT: z.enum(["pretty", "json"]).optional(),
    NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
    // Uploaded academy lesson videos are refused above this size (bytes; 500 MB by default).
    ACADEMY_VIDEO_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024 * 1024)
      .default(500 * 1024 * 1024),
    // Hosts academy video lessons may embed from (https only), comma-separated.
    ACADEMY_EMBED_HOSTS: z
      .string()
      .default(DEFAULT_EMBED_HOSTS.join(","))
      .transform((v) =>
        v
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (list) =>
          list.length > 0 &&
          list.every((h) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(h)),
        "must be comma-separated host names",
      ),
    // A streaming replica for read-only, lag-tolerant work (reports, search, public pages):
    // platform/db/replica.ts. Unset: those reads use DATABASE_URL like everything else.
    DATABASE_REPLICA_URL: url(["postgres:", "postgresql:"]).optional(),
    // Past this replay lag (or with the replica unreachable) those reads go to the primary.
    REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
    // How often the replica's lag is sampled.
    REPLICA_CHECK_SECONDS: z.coerce.number().min(0.1).max(300).default(2),
    // A direct (session) connection to the same database, when DATABASE_URL is a transaction
    // pooler such as PgBouncer: LISTEN, migrations' advisory lock and auth's search_path use it.
    DATABASE_DIRECT_URL: url(["postgres:", "postgresql:"]).optional(),
  })
  .superRefine((e, issues) => {
    // S3 storage is all or nothing: a half-configured bucket would lose attachments at runtime.
    const s3Set = ["S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"].filter(
      (k) => e[k as keyof typeof e] !== undefined,
    );
    if (!e.S3_BUCKET && s3Set.length > 0)
      issues.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message: `is required when ${s3Set[0]} is set`,
      });
    if (e.S3_ACCESS_KEY_ID && !e.S3_SECRET_ACCESS_KEY)
      issues.addIssue({
        code: "custom",
        path: ["S3_SECRET_ACCESS_KEY"],
        message: "is required when S3_ACCESS_KEY_ID is set",
      });
    if (e.S3_SECRET_ACCESS_KEY && !e.S3_ACCESS_KEY_ID)
      issues.addIssue({
        code: "custom",
        path: ["S3_ACCESS_KEY_ID"],
        message: "is required when S3_SECRET_ACCESS_KEY is set",
      });
  });

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolMax: number;
  /** Repeated statements run as named prepared statements (off behind poolers that cannot keep them). */
  dbPreparedStatements: boolean;
  /**
   * A request's queries that forgot their scope are fenced to the request's workspace
   * (request-fence.ts). Off by default until the whole suite has run with it (see the note there).
   */
  dbRequestFence: boolean;
  authSecret: string | undefined;
  metricsToken: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  loginRateLimit: number;
  /** Lets webhooks reach loopback and private networks (tests, on-premise trackers). */
  webhookAllowPrivate: boolean;
  /** Attachments go to this S3-compatible bucket when set, else to DATA_DIR/files. */
  s3:
    | {
        endpoint: string | undefined;
        bucket: string;
        region: string;
        accessKeyId: string | undefined;
        secretAccessKey: string | undefined;
        forcePathStyle: boolean;
      }
    | undefined;
  orphanFileGraceHours: number;
  detectionSweep: boolean;
  diagnosticsMaxBytes: number;
  diagnosticsSecretKeys: string[];
  smtpPort: number;
  smtpHost: string;
  supportAddresses: string[];
  maxMessageBytes: number;
  smtpConnectionsPerMinute: number;
  autoMailPerHour: number;
  emailAcknowledgement: string | undefined;
  logLevel: string;
  logFormat: "pretty" | "json";
  nodeEnv: "production" | "development" | "test";
  /** The largest academy lesson video an author may upload, in bytes. */
  academyVideoMaxBytes: number;
  /** Hosts an academy video lesson may embed from (https only). */
  academyEmbedHosts: string[];
  /** A streaming replica for lag-tolerant reads (platform/db/replica.ts); unset: the primary. */
  databaseReplicaUrl: string | undefined;
  replicaMaxLagSeconds: number;
  replicaCheckSeconds: number;
  /** A session connection when databaseUrl is a transaction pooler (runtime.ts, db/direct.ts). */
  databaseDirectUrl: string | undefined;
};

export class ConfigError extends Error {}

/** Turns the environment into a Config, or throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, which is how shells and .env files usually mean it.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dbPoolMax: e.DB_POOL_MAX,
    dbPreparedStatements: e.DB_PREPARED_STATEMENTS,
    dbRequestFence: e.DB_REQUEST_FENCE,
    authSecret: e.AUTH_SECRET,
    metricsToken: e.METRICS_TOKEN,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    s3: e.S3_BUCKET
      ? {
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET,
          region: e.S3_REGION ?? "us-east-1",
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    orphanFileGraceHours: e.ORPHAN_FILE_GRACE_HOURS,
    detectionSweep: e.DETECTION_SWEEP,
    diagnosticsMaxBytes: e.DIAGNOSTICS_MAX_BYTES,
    diagnosticsSecretKeys: e.DIAGNOSTICS_SECRET_KEYS,
    smtpPort: e.SMTP_PORT,
    smtpHost: e.SMTP_HOST ?? e.HOST,
    supportAddresses: e.SUPPORT_ADDRESSES,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    smtpConnectionsPerMinute: e.SMTP_CONNECTIONS_PER_MINUTE,
    autoMailPerHour: e.AUTO_MAIL_PER_HOUR,
    emailAcknowledgement: e.EMAIL_ACKNOWLEDGEMENT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json"),
    nodeEnv: e.NODE_ENV,
    academyVideoMaxBytes: e.ACADEMY_VIDEO_MAX_BYTES,
    academyEmbedHosts: e.ACADEMY_EMBED_HOSTS,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    replicaMaxLagSeconds: e.REPLICA_MAX_LAG_SECONDS,
    replicaCheckSeconds: e.REPLICA_CHECK_SECONDS,
    databaseDirectUrl: e.DATABASE_DIRECT_URL,
  };
}
