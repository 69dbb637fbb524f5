import PgBoss from "pg-boss";
import type { Logger } from "pino";

/**
 * Background jobs run on pg-boss: durable, retried, in PostgreSQL (schema `pgboss`).
 * Every queue is declared here with its retry policy, so a job name is never a typo away
 * from silently going nowhere. Handlers register in main.ts for worker processes only.
 */
export const QUEUES = {
  "mail.send": { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  // Parse, thread and apply one stored inbound message. Idempotent: see email/process.ts.
  "email.process": { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  // Deliver one agent reply through the SMTP relay.
  "email.send": { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  // Poll the IMAP mailboxes configured on support addresses (scheduled every minute).
  "email.poll": { retryLimit: 0, expireInSeconds: 300 },
  // Delete stored files no message lists, once past the grace period (daily schedule).
  "files.collect": { retryLimit: 1, expireInSeconds: 3600 },
  // POST one outgoing webhook delivery; a failed attempt retries after ~2 s, 4 s, 8 s… (6 retries).
  "webhook.deliver": { retryLimit: 6, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 },
  // Send one problem update (a broadcast) as a reply on one linked case. Idempotent: the
  // delivery row's status changes in the reply's transaction (problems/broadcast.service.ts).
  "problem.update.deliver": { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  // Signatures and text vectors of new cases (scheduled every minute; see problems/detection/signals.ts).
  "problems.signals": { retryLimit: 1, expireInSeconds: 600 },
  // Embeddings of new and changed help articles (every minute; see help/search/vectors.ts).
  "help.vectors": { retryLimit: 1, expireInSeconds: 600 },
  // Embeddings of new and edited feedback ideas (every minute; see feedback/insight/vectors.ts).
  "feedback.vectors": { retryLimit: 1, expireInSeconds: 600 },
  // Community notifications of one event on one post; idempotent (community/following/notify.ts).
  "community.notify": { retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  // Community email digests, batched per member at their rate (every 2 minutes; following/digest.ts).
  "community.digest": { retryLimit: 1, expireInSeconds: 600 },
  // Award community badges to one member, or sweep a workspace (hourly; after a badge changes).
  // Stately: at most one queued job per member, however many votes arrive meanwhile.
  "community.badges": { policy: "stately", retryLimit: 3, retryDelay: 10, expireInSeconds: 600 },
  // Feedback notices to email and done ideas to tell on linked cases (every 2 minutes and just after an event; feedback/notify/sweep.ts).
  "feedback.notify": { policy: "stately", retryLimit: 1, expireInSeconds: 600 },
  // SLA breaches and near-breaches: mark, notify once, announce (every minute; sla/sweep.ts).
  "sla.sweep": { retryLimit: 1, expireInSeconds: 300 },
  // Repeat contacts and customer risk from the queued changes (every minute; repeats/sweep.ts).
  "repeats.sweep": { retryLimit: 1, expireInSeconds: 600 },
  "reports.refresh": { retryLimit: 1, expireInSeconds: 300 },
  // Action runs left `running` by a crashed process become retryable failures (every minute; actions/stuck-runs.ts).
  "actions.stuck": { retryLimit: 1, expireInSeconds: 300 },
  // Offers nobody followed within 14 days become "ignored" (hourly; retention/offers.service.ts).
  "retention.offers": { retryLimit: 1, expireInSeconds: 300 },
  // Send the surveys whose delay has passed, expire those past their window (every minute; surveys/send.ts).
  "surveys.sweep": { retryLimit: 1, expireInSeconds: 300 },
  // Tone assessments of customers' words queued by the 0053 triggers (every minute, and polled
  // every 2 s by workers; conduct/assess/assess-job.ts).
  "conduct.assess": { retryLimit: 1, expireInSeconds: 600 },
  // A live session's reminder 24 h or 1 h before, queued with startAfter; one whose
  // schedule_version is stale does nothing (academy/sessions/reminders.ts).
  "academy.session.reminder": { retryLimit: 6, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  // POST one reply to a messaging channel's outbound URL (issue #22); retries after ~2 s, 4 s, 8 s…
  // (6 retries), the row locked while it is sent so one reply is never sent by two jobs (channels/deliver.ts).
  "channel.deliver": { retryLimit: 6, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 },
  // Chats whose agent went offline back to the queue, queued chats to free agents, unanswered
  // chats marked missed once (every minute; chat/missed/sweep.ts).
  "chat.sweep": { retryLimit: 1, expireInSeconds: 300 },
  // Erase one customer (issue #23); retried until complete, idempotent (privacy/erasure/erasure.job.ts).
  "privacy.erase": { retryLimit: 20, retryDelay: 10, retryBackoff: true, expireInSeconds: 600 },
  // Apply every workspace's retention policy in bounded batches (daily; privacy/retention/retention.service.ts).
  "privacy.retention": { retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 },
  // Build one customer's GDPR export zip (issue #23); a failure marks it failed (privacy/export/).
  "customer.export": { retryLimit: 1, retryDelay: 30, expireInSeconds: 3600 },
  // Delete the files of exports whose download link expired (hourly; privacy/export/).
  "customer.export.sweep": { retryLimit: 1, expireInSeconds: 600 },
  // Send each workspace's new audit records to its SIEM (every minute; audit/stream.service.ts).
  // A failure needs no retry here: the cursor stays, and the next minute sends the same records.
  "audit.stream": { retryLimit: 0, expireInSeconds: 300 },
  // Run one Zendesk import (issue #24; imports/import-job.ts). Hours long; never retried, so a run
  // is never executed twice at once: a failed or interrupted one is resumed from its checkpoints.
  "import.run": { retryLimit: 0, expireInSeconds: 6 * 3600 },
  // Queue the delta runs of scheduled Zendesk syncs that are due (every minute; imports/sync-sweep.ts).
  "import.sync": { retryLimit: 0, expireInSeconds: 300 },
} as const;

export type QueueName = keyof typeof QUEUES;

export async function startJobs(url: string, log: Logger, opts: { worker: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    max: 4,
    // Only worker processes run maintenance and the scheduler; web-only processes just enqueue.
    supervise: opts.worker,
    schedule: opts.worker,
  });
  boss.on("error", (err) => log.error({ err }, "job queue error"));
  await boss.start();
  for (const [name, policy] of Object.entries(QUEUES)) {
    await boss.createQueue(name, { name, ...policy });
  }
  return boss;
}
