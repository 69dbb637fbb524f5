import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { buildApp } from "./app.ts";
import { type ReminderJob, sendSessionReminder } from "./modules/academy/sessions/reminders.ts";
import { ensureCustomerMembership, requestMagicLink } from "./modules/accounts/accounts.service.ts";
import { sweepStuckRuns } from "./modules/actions/stuck-runs.ts";
import { recordSignIn } from "./modules/audit/sign-ins.ts";
import { deliverAuditStreams } from "./modules/audit/stream.service.ts";
import { collectOrphanedFiles } from "./modules/cases/orphaned-files.ts";
import { workChannelDeliveries } from "./modules/channels/deliver.ts";
import { registerChannelReplies } from "./modules/channels/outbound.ts";
import { sweepChats } from "./modules/chat/missed/sweep.ts";
import { sendDigests } from "./modules/community/following/digest.ts";
import { type NotifyJob, notifyFollowers } from "./modules/community/following/notify.ts";
import { type BadgeJob, runBadgeJob } from "./modules/community/reputation/badge-awards.ts";
import { drainAssessments, pollAssessments } from "./modules/conduct/assess/assess-job.ts";
import { createAddressBook } from "./modules/email/addresses.ts";
import { pollAllMailboxes } from "./modules/email/imap.ts";
import { type EmailSendJob, flushOutbox, sendEmailJob } from "./modules/email/outbound.ts";
import { processInboundBatch } from "./modules/email/process.ts";
import { createSmtpServer } from "./modules/email/smtp.ts";
import { sweepIdeaVectors } from "./modules/feedback/insight/vectors.ts";
import { workFeedbackNotify } from "./modules/feedback/notify/index.ts";
import { sweepArticleVectors } from "./modules/help/search/vectors.ts";
import { workImports } from "./modules/imports/import-job.ts";
import { runErasure } from "./modules/privacy/erasure/erasure.job.ts";
import { workCustomerExports } from "./modules/privacy/export/export.jobs.ts";
import { sweepRetention } from "./modules/privacy/retention/retention.service.ts";
import { type DeliveryJob, deliverUpdates, resumeBroadcasts } from "./modules/problems/broadcast.service.ts";
import { sweepSignals } from "./modules/problems/detection/signals.ts";
import { sweepRepeats } from "./modules/repeats/sweep.ts";
import { refreshMetrics } from "./modules/reports/refresh.ts";
import { sweepIgnoredOffers } from "./modules/retention/offers.service.ts";
import { passkeyAuthHooks } from "./modules/security/passkeys.audit.ts";
import { sweepSla } from "./modules/sla/sweep.ts";
import { ssoAuthHooks } from "./modules/sso/sso-signin.service.ts";
import { sweepSurveys } from "./modules/surveys/register.ts";
import { deliverWebhook } from "./modules/webhooks/deliver.ts";
import { createAuth } from "./platform/auth/auth.ts";
import type { Config } from "./platform/config.ts";
import type { AppContext } from "./platform/context.ts";
import { connections } from "./platform/db/direct.ts";
import { startEmbeddedPostgres } from "./platform/db/embedded.ts";
import { migrate } from "./platform/db/migrate.ts";
import { createDb, createPool } from "./platform/db/pool.ts";
import { startReplicaReads } from "./platform/db/replica.ts";
import { workFence } from "./platform/db/request-fence.ts";
import { trustedOrigins } from "./platform/http/csrf.ts";
import { fencedBatch, fencedJobs } from "./platform/jobs/fenced-jobs.ts";
import { startJobs } from "./platform/jobs/queue.ts";
import { createMailSender, mailJobSchema } from "./platform/mail/outbound.ts";
import { RealtimeHub } from "./platform/realtime/hub.ts";
import { loadOrCreateSecrets } from "./platform/secrets.ts";
import { createFileStore } from "./platform/storage.ts";
import { closeSharedEmbedder } from "./platform/text/use-embedder.ts";

/** Which parts this process runs. Large installs split web and worker processes. */
export type ProcessRole = "all" | "web" | "worker";

export type Runtime = {
  ctx: AppContext;
  app: FastifyInstance | undefined;
  url: string | undefined;
  close: () => Promise<void>;
};

/**
 * Starts Rapport in dependency order: database (embedded unless DATABASE_URL), migrations,
 * auth, job queue, realtime listener, HTTP. `close` undoes it in reverse, letting requests
 * and jobs in flight finish first.
 */
export async function startRuntime(
  config: Config,
  log: Logger,
  opts: { role: ProcessRole; web: { dev: boolean } | false },
): Promise<Runtime> {
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.reverse())
      await stop().catch((err) => log.error({ err }, "error during shutdown"));
  };
  try {
    // Generated secrets are only needed for the embedded database or a missing AUTH_SECRET;
    // an install configured entirely by environment never writes to DATA_DIR for them.
    const needsLocalSecrets = !config.databaseUrl || !config.authSecret;
    const secrets = needsLocalSecrets ? loadOrCreateSecrets(config.dataDir) : undefined;
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        password: (secrets as NonNullable<typeof secrets>).pgPassword,
        logger: log,
      });
      stops.push(embedded.stop);
      databaseUrl = embedded.url;
    }
    // DATABASE_URL may be a transaction pooler; what needs a session uses DATABASE_DIRECT_URL (db/direct.ts).
    const { directUrl, transactionPooler } = connections(databaseUrl, config.databaseDirectUrl);
    const prepared = { preparedStatements: config.dbPreparedStatements, transactionPooler };
    const onIdleError = (err: Error) =>
      log.warn({ err }, "database connection lost while idle; reconnecting");
    const pool = createPool(databaseUrl, config.dbPoolMax, { ...prepared, onIdleError });
    // better-auth's search_path is a startup parameter, which a pooler does not carry: direct.
    const authPool = createPool(directUrl, 4, {
      ...prepared,
      transactionPooler: false,
      searchPath: "auth,public",
      onIdleError,
    });
    stops.push(async () => {
      await Promise.all([pool.end(), authPool.end()]);
    });
    await requireSupportedPostgres(pool);
    // The migration lock is a session advisory lock: on a direct connection, never the pooler.
    if (transactionPooler) {
      const migrationPool = createPool(directUrl, 1, { preparedStatements: false, onIdleError });
      await migrate(migrationPool, (m) => log.info(m)).finally(() => migrationPool.end());
    } else await migrate(pool, (m) => log.info(m));
    const db = createDb(pool);
    // Reports, search and public pages read from DATABASE_REPLICA_URL while it keeps up.
    const replica = await startReplicaReads({
      url: config.databaseReplicaUrl,
      primary: db,
      maxLagSeconds: config.replicaMaxLagSeconds,
      checkSeconds: config.replicaCheckSeconds,
      poolMax: config.dbPoolMax,
      preparedStatements: config.dbPreparedStatements,
      log,
    });
    stops.push(replica.stop);

    const worker = opts.role !== "web";
    // The sentence-embedding thread, if anything started it; stopped after jobs and requests.
    stops.push(closeSharedEmbedder);
    const boss = await startJobs(databaseUrl, log, { worker });
    stops.push(() => boss.stop({ graceful: true, timeout: 15_000, wait: true }));

    const files = createFileStore(config);
    const secret = config.authSecret ?? (secrets as NonNullable<typeof secrets>).authSecret;
    const ctx: AppContext = {
      config,
      log,
      pool,
      db,
      boss,
      files,
      secret,
      auth: undefined as unknown as AppContext["auth"],
      replica: replica.reads,
    };
    ctx.auth = createAuth({
      pool: authPool,
      secret,
      publicUrl: config.publicUrl,
      // Each workspace answers on its own host: the origin the browser used is ours when it
      // names this request's Host on PUBLIC_URL's scheme (the same rule as the CSRF check).
      trustedOrigins: (request) =>
        trustedOrigins(config.publicUrl, request?.headers.get("host") ?? undefined),
      loginRateLimit: config.loginRateLimit,
      hooks: {
        deliverMagicLink: ({ email, url, request }) =>
          requestMagicLink(ctx, { email, url, host: request?.headers.get("host") ?? undefined }),
        magicLinkSignedIn: ({ userId, email, request }) =>
          ensureCustomerMembership(ctx, { userId, email, host: request?.headers.get("host") ?? undefined }),
        signInAttempted: (attempt) => recordSignIn(ctx, attempt),
        sso: ssoAuthHooks(ctx),
        passkey: passkeyAuthHooks(ctx),
      },
    });

    // Replies on a channel thread's case go back through the channel (issue #22), in any process.
    registerChannelReplies();
    // Jobs and sweeps fence each workspace's work as requests do (platform/jobs/fenced-jobs.ts).
    workFence.enabled = config.dbRequestFence;
    if (worker) {
      const send = createMailSender({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
      await boss.work("mail.send", async (jobs) => {
        for (const job of jobs) await send(mailJobSchema.parse(job.data));
      });
      // Mail arrives in bursts. pg-boss waits the polling interval (0.5 s at least) after every
      // fetch, so each worker takes up to 100 jobs at once and applies them in chunks that share
      // a transaction (email/process.ts); three workers keep the database busy on two cores.
      for (let w = 0; w < 3; w++) {
        await boss.work("email.process", { batchSize: 100, pollingIntervalSeconds: 0.5 }, async (jobs) => {
          await processInboundBatch(
            ctx,
            jobs.map((job) => (job.data as { inboundId: string }).inboundId),
          );
        });
      }
      // Jobs about one thing of one workspace run behind the fence for it (fenced-jobs.ts).
      await boss.work(
        "email.send",
        fencedJobs<EmailSendJob>((data) => sendEmailJob(ctx, data)),
      );
      await boss.work(
        "webhook.deliver",
        fencedJobs<{ deliveryId: string }>((data) => deliverWebhook(ctx, data.deliveryId)),
      );
      // A broadcast is thousands of small writes: each worker takes 100 jobs and applies them in
      // one transaction (broadcast.service.ts), since pg-boss idles the polling interval after
      // every fetch; three workers keep both cores busy.
      for (let w = 0; w < 3; w++) {
        await boss.work(
          "problem.update.deliver",
          { batchSize: 100, pollingIntervalSeconds: 0.5 },
          fencedBatch<DeliveryJob>(async (jobs) => {
            await deliverUpdates(
              ctx,
              jobs.map((job) => job.data),
            );
          }),
        );
      }
      const resumed = await resumeBroadcasts(ctx);
      if (resumed > 0) log.info({ resumed }, "resuming problem updates left pending");
      await boss.work("email.poll", async () => pollAllMailboxes(ctx));
      await boss.schedule("email.poll", "* * * * *");
      await boss.work("files.collect", async () => {
        await collectOrphanedFiles(ctx, { graceHours: config.orphanFileGraceHours });
      });
      await boss.schedule("files.collect", "17 3 * * *");
      await boss.work("problems.signals", async () => sweepSignals(ctx));
      if (config.detectionSweep) await boss.schedule("problems.signals", "* * * * *");
      else await boss.unschedule("problems.signals");
      // Same switch as the case signals: both are embedding sweeps, off in test servers.
      await boss.work("help.vectors", async () => sweepArticleVectors(ctx));
      if (config.detectionSweep) await boss.schedule("help.vectors", "* * * * *");
      else await boss.unschedule("help.vectors");
      await boss.work("feedback.vectors", async () => sweepIdeaVectors(ctx));
      if (config.detectionSweep) await boss.schedule("feedback.vectors", "* * * * *");
      else await boss.unschedule("feedback.vectors");
      await boss.work(
        "community.notify",
        { batchSize: 20 },
        fencedJobs<NotifyJob>((data) => notifyFollowers(ctx, data)),
      );
      await boss.work("community.digest", async () => {
        await sendDigests(ctx);
      });
      await boss.schedule("community.digest", "*/2 * * * *");
      // A workspace's badge job is fenced to it; the hourly sweep (no workspaceId) is not.
      await boss.work(
        "community.badges",
        { batchSize: 20 },
        fencedJobs<BadgeJob>((data) => runBadgeJob(ctx, data)),
      );
      await boss.schedule("community.badges", "41 * * * *", { sweep: true });
      await workFeedbackNotify(ctx);
      await boss.work("sla.sweep", async () => sweepSla(ctx));
      await boss.schedule("sla.sweep", "* * * * *");
      // Repeat contacts and customer risk from what the 0048 triggers queued (repeats/sweep.ts).
      await boss.work("repeats.sweep", async () => sweepRepeats(ctx, { stale: true }));
      await boss.schedule("repeats.sweep", "* * * * *");
      await boss.work("surveys.sweep", async () => sweepSurveys(ctx));
      await boss.schedule("surveys.sweep", "* * * * *");
      // Tone assessments (issue #20): every minute by schedule, and a 2 s poll of the queue so an
      // open case page shows a flag within seconds; never on the request path (assess-job.ts).
      await boss.work("conduct.assess", async () => drainAssessments(ctx));
      await boss.schedule("conduct.assess", "* * * * *");
      stops.push(pollAssessments(ctx, 2000));
      // Support metrics: recompute the cases the 0049 triggers marked (reports also drain it).
      await boss.work("reports.refresh", async () => refreshMetrics(ctx, { maxCases: 20_000 }));
      await boss.schedule("reports.refresh", "* * * * *");
      // Action runs left `running` by a process that died mid-call become retryable failures.
      await boss.work("actions.stuck", async () => sweepStuckRuns(ctx));
      await boss.schedule("actions.stuck", "* * * * *");
      await boss.work("retention.offers", async () => sweepIgnoredOffers(ctx));
      await boss.schedule("retention.offers", "23 * * * *");
      await boss.work(
        "academy.session.reminder",
        fencedJobs<ReminderJob>((data) => sendSessionReminder(ctx, data)),
      );
      await workChannelDeliveries(ctx);
      await boss.work("chat.sweep", async () => sweepChats(ctx));
      await boss.schedule("chat.sweep", "* * * * *");
      await boss.work(
        "privacy.erase",
        fencedJobs<{ workspaceId: string; erasureId: string }>((data) => runErasure(ctx, data)),
      );
      await boss.work("privacy.retention", async () => sweepRetention(ctx));
      await boss.schedule("privacy.retention", "43 2 * * *");
      await workCustomerExports(ctx);
      await boss.work("audit.stream", async () => deliverAuditStreams(ctx));
      await boss.schedule("audit.stream", "* * * * *");
      // Zendesk imports (issue #24): the stop aborts live runs between pages before the queue stops.
      stops.push(await workImports(ctx));
      const flushed = await flushOutbox(ctx);
      if (flushed > 0) log.info({ flushed }, "sending replies that waited in the outbox");
    }
    if (opts.role === "worker") return { ctx, app: undefined, url: undefined, close };

    // Inbound mail: an SMTP listener beside HTTP (web processes only; it just stores and enqueues).
    const smtp = createSmtpServer({
      db,
      boss,
      addresses: createAddressBook(db, config.supportAddresses),
      log,
      maxBytes: config.maxMessageBytes,
      connectionsPerMinute: config.smtpConnectionsPerMinute,
    });
    await new Promise<void>((resolve, reject) => {
      smtp.once("error", reject);
      smtp.listen(config.smtpPort, config.smtpHost, () => {
        smtp.off("error", reject);
        resolve();
      });
    });
    log.info({ port: config.smtpPort, host: config.smtpHost }, "SMTP server accepting support mail");
    stops.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

    const hub = new RealtimeHub(directUrl, log);
    await hub.start();
    stops.push(() => hub.close());
    const app = await buildApp(ctx, { web: opts.web, hub });
    // Registered last so it runs first on shutdown: stop taking requests, finish those in flight.
    stops.push(() => app.close());
    const url = await app.listen({ port: config.port, host: config.host });
    return { ctx, app, url, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Rapport relies on PostgreSQL 15 features; an older server is refused with a clear message. */
async function requireSupportedPostgres(pool: import("pg").Pool): Promise<void> {
  const { rows } = await pool.query<{ v: number }>("select current_setting('server_version_num')::int as v");
  const version = Number(rows[0]?.v ?? 0);
  if (version < 150000) {
    throw new Error(`PostgreSQL 15 or newer is required; DATABASE_URL points at version ${version}`);
  }
}
