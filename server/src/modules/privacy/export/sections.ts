import { type RawBuilder, sql } from "kysely";
import { STAFF_ONLY_KINDS } from "../../../../../contracts/timeline.ts";
import type { Executor } from "../../../platform/db/tenant.ts";

/**
 * What a customer's GDPR export holds: one JSON file per section, each read in pages of
 * `pageSize` rows by a keyset on the table's real key (`id > $after order by id`), never on a
 * cast such as `id::text`: a cast cannot use the key's index, so every page sorted all of the
 * customer's rows again (quadratic on a big customer). Every query filters `workspace_id` itself
 * and asks only for what the customer may see (no internal notes, no staff-only timeline
 * events, no tone assessments).
 *
 * The big sections are index range scans per page: cases and calls on `(workspace_id,
 * customer_id, id)` (migration 0081), messages one case at a time on `messages_case_idx (case_id,
 * created_at, id)`, the timeline on `timeline_customer_idx`, snapshots on
 * `diagnostic_snapshots_customer_idx (…, captured_at desc, id desc)`. The small ones (a person's
 * identities, devices, facts, posts…) read the customer's rows through their customer index
 * and sort that handful by id.
 */
export type Section = {
  file: string;
  describes: string;
  /** The section's rows in export order, `pageSize` rows per query. */
  rows: (db: Executor, ws: string, customerId: string, pageSize: number) => AsyncGenerator<ExportRow>;
};

export type ExportRow = Record<string, unknown>;

/** One page after the key `after` (undefined: the first page); rows carry their key as `k`. */
type Page<K> = (ws: string, customerId: string, after: K | undefined, limit: number) => RawBuilder<ExportRow>;

/** A section read page by page: the last row's `k` is the next page's `after`, and `k` is not exported. */
function keyset<K>(page: Page<K>): Section["rows"] {
  return async function* (db, ws, customerId, pageSize) {
    let after: K | undefined;
    for (;;) {
      const { rows } = await page(ws, customerId, after, pageSize).execute(db);
      for (const { k, ...row } of rows) {
        after = k as K;
        yield row;
      }
      if (rows.length < pageSize) return;
    }
  };
}

/** `and <col> > $after::<type>`, or nothing on the first page (so the plan is a plain range scan). */
const past = (col: string, after: string | undefined, type: "uuid" | "bigint") =>
  after === undefined ? sql`` : sql`and ${sql.raw(col)} > ${after}::${sql.raw(type)}`;

/** The customer's case ids in id order (the messages section walks them one case at a time). */
const caseIds = keyset<string>(
  (ws, id, after, limit) => sql`
    select id as k, id from cases where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
     order by id limit ${limit}`,
);

type MessageKey = [createdAt: string, id: string];

/**
 * Every case of the customer, then that case's messages in the order they were written, a page
 * at a time: the keyset `(created_at, id)` is `messages_case_idx`'s, so each page is a range scan
 * of one case, whatever the customer's other cases hold.
 */
async function* messagesByCase(
  db: Executor,
  ws: string,
  customerId: string,
  pageSize: number,
  page: (caseId: string, after: MessageKey | undefined, limit: number) => RawBuilder<ExportRow>,
): AsyncGenerator<ExportRow> {
  for await (const { id } of caseIds(db, ws, customerId, pageSize)) {
    let after: MessageKey | undefined;
    for (;;) {
      const { rows } = await page(id as string, after, pageSize).execute(db);
      for (const { k, ...row } of rows) {
        after = k as MessageKey;
        yield row;
      }
      if (rows.length < pageSize) break;
    }
  }
}

/** `and (created_at, id) > ($t, $id)` on a message page after the first. */
const pastMessage = (after: MessageKey | undefined) =>
  after === undefined ? sql`` : sql`and (m.created_at, m.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`;

// The message key goes through jsonb so the timestamp keeps its microseconds on the way back.
const messageKey = sql`jsonb_build_array(m.created_at, m.id)`;

export type ExportAttachment = { messageId: string; id: string; name: string; key: string };

/**
 * The files attached to the customer's messages (ids and keys only: the zip reads the bytes one
 * file at a time), in the messages' order, walked like the messages section.
 */
export async function* customerAttachments(
  db: Executor,
  ws: string,
  customerId: string,
  pageSize: number,
): AsyncGenerator<ExportAttachment> {
  const withFiles = messagesByCase(
    db,
    ws,
    customerId,
    pageSize,
    (caseId, after, limit) => sql<ExportRow>`
      select ${messageKey} as k, m.id, m.attachments
        from messages m
       where m.case_id = ${caseId} and m.workspace_id = ${ws} and m.kind <> 'note'
         and m.attachments <> '[]'::jsonb ${pastMessage(after)}
       order by m.created_at, m.id limit ${limit}`,
  );
  for await (const m of withFiles)
    for (const a of m.attachments as Array<{ id: string; name: string; key: string }>)
      yield { messageId: m.id as string, id: a.id, name: a.name, key: a.key };
}

export const SECTIONS: Section[] = [
  {
    file: "profile.json",
    describes: "Your customer record: name, organisation, when it was created.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, id, name, organization, created_at as "createdAt", updated_at as "updatedAt"
          from customers where workspace_id = ${ws} and id = ${id} ${past("id", after, "uuid")} limit ${limit}`,
    ),
  },
  {
    file: "identities.json",
    describes: "The email addresses, phone numbers and accounts we know you by.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, kind, value, display, created_at as "createdAt" from customer_identities
         where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "facts.json",
    describes: "Facts recorded about you, current and past (supersededAt is set on past values).",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, key, value, source_channel as "sourceChannel",
               recorded_at as "recordedAt", superseded_at as "supersededAt"
          from facts where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "bigint")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "devices.json",
    describes: "Devices registered to you.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, id, model, serial, firmware, created_at as "createdAt" from devices
         where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "cases.json",
    describes: 'Your support cases, chat conversations included (channel "chat").',
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, id, number, subject, status, channel, created_at as "createdAt",
               updated_at as "updatedAt"
          from cases where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "messages.json",
    describes:
      "Every message you sent or were sent on your cases, case by case in the order they were written (internal staff notes are not yours and are left out). Attachments are under attachments/.",
    rows: (db, ws, customerId, pageSize) =>
      messagesByCase(
        db,
        ws,
        customerId,
        pageSize,
        (caseId, after, limit) => sql<ExportRow>`
          select ${messageKey} as k, m.id, c.number as "caseNumber", m.case_id as "caseId", m.kind,
                 m.author_name as author, m.channel, m.body, m.from_address as "fromAddress",
                 (select coalesce(jsonb_agg(jsonb_build_object(
                           'name', a->>'name', 'contentType', a->>'contentType', 'size', (a->>'size')::bigint,
                           'file', 'attachments/' || m.id || '/' || (a->>'id') || '-' || (a->>'name'))), '[]'::jsonb)
                    from jsonb_array_elements(m.attachments) a) as attachments,
                 m.created_at as "createdAt"
            from messages m join cases c on c.id = m.case_id and c.workspace_id = m.workspace_id
           where m.case_id = ${caseId} and m.workspace_id = ${ws} and m.kind <> 'note' ${pastMessage(after)}
           order by m.created_at, m.id limit ${limit}`,
      ),
  },
  {
    file: "calls.json",
    describes: "Phone calls with support.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, from_number as "from", to_number as "to", started_at as "startedAt",
               ended_at as "endedAt", duration_seconds as "durationSeconds"
          from calls where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "diagnostic-snapshots.json",
    describes:
      "Diagnostic snapshots of your devices and apps, oldest first (secret-looking values were masked on arrival).",
    // (captured_at, id) is diagnostic_snapshots_customer_idx's order, read backwards.
    rows: keyset<[string, string]>(
      (ws, id, after, limit) => sql`
        select jsonb_build_array(captured_at, id) as k, id, source, summary, data,
               masked_paths as "maskedPaths", device_id as "deviceId", case_id as "caseId",
               captured_at as "capturedAt"
          from diagnostic_snapshots where workspace_id = ${ws} and customer_id = ${id}
           ${after === undefined ? sql`` : sql`and (captured_at, id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`}
         order by captured_at, id limit ${limit}`,
    ),
  },
  {
    file: "timeline.json",
    describes: "The history of your account and cases as you could see it.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, kind, case_id as "caseId", data, occurred_at as "occurredAt"
          from timeline_events
         where workspace_id = ${ws} and customer_id = ${id}
           and not (kind = any(${[...STAFF_ONLY_KINDS]}::text[]))
           -- An internal note's line carries its excerpt: customers never see it (as timeline.ts).
           and not (kind = 'message.added' and data->>'kind' = 'note')
           ${past("id", after, "bigint")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "community-profile.json",
    describes: "Your community member profile.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, display_name as "displayName", bio, reputation, trust_level as "trustLevel",
               digest_rate as "digestRate", created_at as "createdAt"
          from community_members where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "community-posts.json",
    describes: "Your community questions, answers, replies and comments (with the topic title).",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select p.id as k, p.id, p.kind, t.title as "topicTitle", t.number as "topicNumber", p.body,
               p.accepted, p.hidden, p.deleted_at as "deletedAt", p.edited_at as "editedAt",
               p.created_at as "createdAt"
          from community_posts p
          join community_members cm on cm.id = p.author_member_id and cm.workspace_id = p.workspace_id
          join community_topics t on t.id = p.topic_id and t.workspace_id = p.workspace_id
         where p.workspace_id = ${ws} and cm.customer_id = ${id} ${past("p.id", after, "uuid")}
         order by p.id limit ${limit}`,
    ),
  },
  {
    file: "feedback-ideas.json",
    describes: "Ideas you posted on the feedback board.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, id, number, title, description, status, created_at as "createdAt",
               deleted_at as "deletedAt"
          from feedback_ideas where workspace_id = ${ws} and author_customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "feedback-votes.json",
    describes: "Ideas you voted for.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select v.id as k, i.number as "ideaNumber", i.title as "ideaTitle", v.created_at as "createdAt"
          from feedback_votes v join feedback_ideas i on i.id = v.idea_id and i.workspace_id = v.workspace_id
         where v.workspace_id = ${ws} and v.customer_id = ${id} ${past("v.id", after, "bigint")}
         order by v.id limit ${limit}`,
    ),
  },
  {
    file: "feedback-comments.json",
    describes: "Your comments on ideas.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select c.id as k, i.number as "ideaNumber", i.title as "ideaTitle", c.body,
               c.created_at as "createdAt", c.edited_at as "editedAt", c.deleted_at as "deletedAt"
          from feedback_comments c join feedback_ideas i on i.id = c.idea_id and i.workspace_id = c.workspace_id
         where c.workspace_id = ${ws} and c.author_customer_id = ${id} ${past("c.id", after, "uuid")}
         order by c.id limit ${limit}`,
    ),
  },
  {
    file: "survey-answers.json",
    describes: "Your answers to satisfaction surveys.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select r.survey_id as k, c.number as "caseNumber", r.kind, r.rating, r.comment, r.reason,
               r.responded_at as "respondedAt"
          from survey_responses r join cases c on c.id = r.case_id and c.workspace_id = r.workspace_id
         where r.workspace_id = ${ws} and r.customer_id = ${id} ${past("r.survey_id", after, "uuid")}
         order by r.survey_id limit ${limit}`,
    ),
  },
  {
    file: "academy-progress.json",
    describes: "Courses you enrolled in, your lesson progress, quiz attempts and live-session registrations.",
    // Four small tables in one list, keyed by a type letter and the row's id: a person's
    // enrolments and attempts are a handful, so sorting the union per page is cheap.
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select * from (
          select 'e' || e.id::text as k, 'enrollment' as type, co.title as course, null::text as lesson,
                 e.enrolled_at as "at", e.completed_at as "completedAt", null::int as percent, null::int as score
            from academy_enrollments e join academy_courses co on co.id = e.course_id
           where e.workspace_id = ${ws} and e.customer_id = ${id}
          union all
          select 'l' || p.lesson_id::text, 'lesson', co.title, l.title, p.updated_at, p.completed_at, p.percent, null
            from academy_lesson_progress p join academy_lessons l on l.id = p.lesson_id
            join academy_courses co on co.id = p.course_id
           where p.workspace_id = ${ws} and p.customer_id = ${id}
          union all
          select 'q' || a.id::text, 'quiz attempt', null, l.title, a.started_at, a.submitted_at, null, a.score_percent
            from academy_quiz_attempts a join academy_lessons l on l.id = a.lesson_id
           where a.workspace_id = ${ws} and a.customer_id = ${id}
          union all
          select 'r' || r.id::text, 'live session ' || r.status, null, se.title, r.created_at, r.cancelled_at, null, null
            from academy_registrations r join academy_sessions se on se.id = r.session_id
           where r.workspace_id = ${ws} and r.customer_id = ${id}
        ) rows where k > ${after ?? ""} order by k limit ${limit}`,
    ),
  },
  {
    file: "academy-certificates.json",
    describes: "Certificates issued to you.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, code, learner_name as "learnerName", title, issued_at as "issuedAt",
               revoked_at as "revokedAt"
          from academy_certificates where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "conduct-notices.json",
    describes: "Notices about your account's conduct that were sent to you, and whether they are in force.",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, kind, notice, decided_at as "decidedAt", expires_at as "expiresAt",
               lifted_at as "liftedAt"
          from conduct_steps where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
  {
    file: "chat-visitors.json",
    describes: "What the chat widget recorded about you as a visitor (the conversations are cases).",
    rows: keyset<string>(
      (ws, id, after, limit) => sql`
        select id as k, name, email, current_url as "currentUrl", attributes, user_agent as "userAgent",
               created_at as "createdAt", last_seen_at as "lastSeenAt"
          from chat_visitors where workspace_id = ${ws} and customer_id = ${id} ${past("id", after, "uuid")}
         order by id limit ${limit}`,
    ),
  },
];

/**
 * Every table with a column naming a customer (`customer_id`, `author_customer_id`…), and
 * where it goes in the export, or why it is left out. `coverage.test.ts` reads the live
 * schema and fails when a migration adds such a column that is in neither list, so a new
 * pillar cannot quietly keep personal data outside the export. The erasure helper may
 * import this list to find every table to clear.
 */
export const COVERED: Record<string, string> = {
  customers: "profile.json",
  customer_identities: "identities.json",
  facts: "facts.json",
  devices: "devices.json",
  cases: "cases.json (and messages.json through the cases)",
  calls: "calls.json",
  diagnostic_snapshots: "diagnostic-snapshots.json",
  timeline_events: "timeline.json",
  community_members: "community-profile.json, community-posts.json",
  feedback_ideas: "feedback-ideas.json",
  feedback_votes: "feedback-votes.json",
  feedback_comments: "feedback-comments.json",
  survey_responses: "survey-answers.json",
  academy_enrollments: "academy-progress.json",
  academy_lesson_progress: "academy-progress.json",
  academy_quiz_attempts: "academy-progress.json",
  academy_registrations: "academy-progress.json",
  academy_certificates: "academy-certificates.json",
  conduct_steps: "conduct-notices.json",
  chat_visitors: "chat-visitors.json",
};

export const EXCLUDED: Record<string, string> = {
  customer_exports: "the exports themselves: bookkeeping, not data about the person",
  erasure_requests:
    "the workspace's record of an erasure request (ids and status), not data about the person",
  legal_holds:
    "the workspace's own legal reasoning about a hold, which it need not disclose through this export",
  customer_lifecycle_events: "internal retention analytics derived from cases already exported",
  customer_risk: "internal at-risk score computed by staff tooling, an opinion rather than data given",
  customer_routing: "internal routing preference (which agent), staff configuration",
  repeat_contacts: "internal analytics over cases already exported",
  repeat_queue: "a work queue of case ids, no personal data",
  retention_offers: "internal offers staff considered; the customer-visible offer is in messages",
  reach_outs: "internal outreach planning; anything sent is a message",
  surveys: "survey sends; the customer's answers are survey-answers.json",
  text_assessments: "staff protection tone assessments; the notices sent are conduct-notices.json",
  conduct_appeals: "an appeal is answered by message; its staff handling is internal",
  diagnostic_codes: "one-time codes to submit a snapshot; the snapshots are exported",
  escalations: "engineering escalations of cases: internal staff work",
  playbook_runs: "troubleshooting runs; what the customer was told is in messages",
  action_runs: "staff actions run on the customer's behalf: internal audit",
  feedback_idea_cases: "links of ideas to cases, both exported",
  feedback_requesters: "staff-recorded interest; the customer's own votes are exported",
  feedback_subscriptions: "notification preferences for ideas",
  help_deflections: "anonymous help-center measurement",
  help_request_sessions: "anonymous help-center measurement",
  problem_opt_outs: "a notification preference for problem updates",
  channel_threads: "the channel thread maps to a case, exported as cases and messages",
  academy_lesson_suggestions: "lessons suggested to agents in replies, internal",
};
