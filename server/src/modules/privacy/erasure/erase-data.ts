import { sql } from "kysely";
import type { Executor } from "../../../platform/db/tenant.ts";

/**
 * The database half of erasing one customer: every place personal data of the customer lives
 * is deleted or overwritten with nothing, in one transaction. Rows that reports count (cases,
 * messages, calls, survey ratings, timeline events) stay, with their text gone, so report
 * numbers before and after are equal. Re-running it on an erased customer changes nothing
 * more (every statement sets fixed values), which is what makes the job safe to retry.
 *
 * Hand-written SQL, each statement filtered by the workspace explicitly (as search and merge
 * do): dozens of tables in one pass, with sub-selects Kysely's scope helper cannot express.
 *
 * Every table with a customer_id-like column must appear in ERASURE_COVERAGE below, either
 * as handled or excluded with a reason; `coverage.test.ts` fails when a new table is missing.
 */

/** What erasure does with each table that refers to a customer (or holds a customer's words). */
export const ERASURE_COVERAGE: Record<string, string> = {
  customers: "name → 'Erased customer', organization and portal login removed, erased_at set",
  customer_identities: "deleted (email, phone, account)",
  facts: "deleted",
  devices: "serial replaced by a placeholder, firmware cleared (model stays for product counts)",
  cases: "subject → 'Erased', CC/BCC lists emptied; the row stays for report counts",
  messages: "bodies, HTML, sender, CC/BCC, mail headers and attachments removed (files deleted)",
  inbound_emails: "raw message, subject and addresses removed (for the customer's cases and addresses)",
  case_text_signals: "deleted (full-text words, error signatures, embedding vector)",
  case_moves: "deleted (undo data of merges and splits holds subjects)",
  message_forwards: "address and note removed",
  timeline_events: "data emptied except kinds that hold only statuses and ids (reports read them)",
  calls: "numbers, note, recording link and transcript removed",
  diagnostic_snapshots: "deleted",
  diagnostic_codes: "deleted",
  playbook_runs: "kept (which playbook ran and how it ended); the answers in playbook_run_steps are removed",
  escalations: "summary, question and findings replaced by 'Erased'",
  chat_visitors: "name, email, page, user agent and attributes removed",
  chat_conversations: "(by visitor or case) topic and offline email removed",
  channel_threads: "external thread id (often a phone number) replaced by a placeholder",
  community_members: "anonymised: display name 'Erased member', bio and picture removed (file deleted)",
  community_posts: "the member's posts: content removed and marked deleted; others' replies stay",
  community_uploads: "the member's pictures deleted (files too)",
  feedback_votes: "kept: a vote is a count, the customer row no longer names anyone",
  feedback_requesters: "kept: counts (requester_count), the customer row no longer names anyone",
  feedback_subscriptions: "deleted (the erased customer must not be mailed)",
  feedback_idea_cases: "kept: links an idea to a case (counts)",
  feedback_ideas: "ideas the customer wrote: author removed, description emptied",
  feedback_comments: "comments the customer wrote: body emptied and marked deleted",
  surveys: "kept: the survey sent (counts)",
  survey_responses: "rating kept for reports; comment and reason removed",
  text_assessments: "signals and masked spans removed (verdict and outcome stay for conduct counts)",
  conduct_steps: "notice, reason and lift reason replaced by 'Erased'",
  conduct_appeals: "appeal text and response removed",
  help_deflections: "kept: ids and outcomes only (deflection counts)",
  help_request_sessions: "last search query removed",
  outbound_mail: "mail to the customer's addresses deleted",
  auto_mail_log: "rows for the customer's addresses deleted",
  academy_certificates: "learner name → 'Erased customer'",
  academy_enrollments: "kept: progress counts, no personal text",
  academy_lesson_progress: "kept: progress counts, no personal text",
  academy_lesson_suggestions: "kept: which lesson was suggested on which case",
  academy_quiz_attempts: "kept: scores, no personal text",
  academy_registrations: "kept: session attendance counts",
  action_runs: "kept: which action ran on which case (its input is the action's form, audited)",
  customer_lifecycle_events: "kept: subscription events the retention report counts",
  customer_risk: "kept: a score and case numbers",
  customer_routing: "deleted (a routing rule naming the customer)",
  problem_opt_outs: "kept: the erased customer stays opted out",
  reach_outs: "kept: ids only",
  repeat_contacts: "kept: ids and a reason kind (repeat-contact counts)",
  repeat_queue: "kept: ids only, drained by the repeats sweep",
  retention_offers: "kept: the offer's title and link are the workspace's own text",
  webhook_deliveries: 'bodies that name the customer or their cases replaced by {"erased":true}',
  staff_notifications: "notices about the customer's cases: title and summary removed",
  erasure_requests: "kept: the record of the erasure itself (ids only)",
  legal_holds: "kept: a released hold's reason is the workspace's own text",
  customer_exports: "deleted, with their zip files (a GDPR export is all of the customer's data)",
};

/** Timeline kinds whose data is only statuses, numbers and ids: kept, since reports read them. */
const KEEP_TIMELINE_KINDS = [
  "case.status_changed",
  "case.assigned",
  "case.team_changed",
  "case.priority_changed",
  "case.tags_changed",
  "case.routed",
  "case.linked",
  "case.unlinked",
  "case.repeat_contact",
  "customer.lifecycle",
  "customer.at_risk",
  "customer.risk_cleared",
  "survey.sent",
  "chat.missed",
];

export const ERASED_NAME = "Erased customer";

/**
 * Erases the customer (and any duplicates merged into it) in the caller's transaction.
 * Returns the stored files that no row lists any more, for the caller to delete after commit.
 */
export async function eraseCustomerData(
  tx: Executor,
  workspaceId: string,
  customerId: string,
): Promise<string[]> {
  const w = workspaceId;
  // The customer and the tombstones of duplicates merged into it: all one person.
  const ids = (
    await sql<{ id: string }>`
      with recursive people as (
        select id from customers where workspace_id = ${w} and id = ${customerId}
        union
        select c.id from customers c join people p on c.merged_into = p.id where c.workspace_id = ${w}
      ) select id from people`.execute(tx)
  ).rows.map((r) => r.id);
  const idents = (
    await sql<{ kind: string; value: string; display: string | null }>`
      select kind, value, display from customer_identities
       where workspace_id = ${w} and customer_id = any(${ids}::uuid[])`.execute(tx)
  ).rows;
  const addresses = idents.filter((i) => i.kind === "email").map((i) => i.value.toLowerCase());
  const caseIds = (
    await sql<{
      id: string;
    }>`select id from cases where workspace_id = ${w} and customer_id = any(${ids}::uuid[])`.execute(tx)
  ).rows.map((r) => r.id);
  const userIds = (
    await sql<{ user_id: string }>`
      select user_id from customers where workspace_id = ${w} and id = any(${ids}::uuid[]) and user_id is not null`.execute(
      tx,
    )
  ).rows.map((r) => r.user_id);
  const memberIds = (
    await sql<{ id: string }>`
      select id from community_members where workspace_id = ${w}
         and (customer_id = any(${ids}::uuid[]) or (user_id = any(${userIds}::text[]) and not is_staff))`.execute(
      tx,
    )
  ).rows.map((r) => r.id);

  const fileKeys = (
    await sql<{ key: string }>`
      select a->>'key' as key from messages m, jsonb_array_elements(m.attachments) a
       where m.workspace_id = ${w} and m.case_id = any(${caseIds}::uuid[]) and a ? 'key'
      union select avatar_key from community_members
       where workspace_id = ${w} and id = any(${memberIds}::uuid[]) and avatar_key is not null
      union select file_key from community_uploads where workspace_id = ${w} and member_id = any(${memberIds}::uuid[])
      union select file_key from customer_exports
       where workspace_id = ${w} and customer_id = any(${ids}::uuid[]) and file_key is not null
      union select avatar_key from memberships
       where workspace_id = ${w} and user_id = any(${userIds}::text[]) and role = 'customer' and avatar_key is not null`.execute(
      tx,
    )
  ).rows.map((r) => r.key);

  const run = (q: ReturnType<typeof sql>) => q.execute(tx);
  const C = sql`${ids}::uuid[]`;
  const K = sql`${caseIds}::uuid[]`;

  // Messages and mail of the customer's cases.
  await run(sql`
    update messages set body = '', body_html = null, from_address = null, attachments = '[]',
           email_cc = '{}', email_bcc = '{}', email_references = '{}', email_in_reply_to = null,
           email_message_id = null, delivery_error = null,
           author_name = case when kind = 'customer' then ${ERASED_NAME} else author_name end
     where workspace_id = ${w} and case_id = any(${K})`);
  await run(sql`
    update message_forwards f set to_address = '', note = null
      from messages m where f.workspace_id = ${w} and m.id = f.message_id and m.case_id = any(${K})`);
  await run(sql`
    update inbound_emails set raw = ''::bytea, subject = null, from_address = null, envelope_from = null,
           envelope_to = '{}', message_id = null, error = null, held_reason = null
     where workspace_id = ${w}
       and (case_id = any(${K}) or lower(from_address) = any(${addresses}::text[])
            or lower(envelope_from) = any(${addresses}::text[]))`);
  await run(sql`delete from case_text_signals where workspace_id = ${w} and case_id = any(${K})`);
  await run(sql`delete from case_moves where workspace_id = ${w} and case_id = any(${K})`);
  await run(sql`
    update cases set subject = 'Erased', reply_cc = '{}', reply_bcc = '{}'
     where workspace_id = ${w} and id = any(${K})`);
  await run(sql`
    update timeline_events set data = '{}'::jsonb,
           actor_name = case when actor_user_id is null or actor_user_id = any(${userIds}::text[]) then null else actor_name end
     where workspace_id = ${w} and (customer_id = any(${C}) or case_id = any(${K}))
       and kind <> all(${KEEP_TIMELINE_KINDS}::text[])`);
  // Webhook bodies copied the customer's data when they were sent: those naming them are emptied.
  const mentions = [...ids, ...caseIds].map((id) => `%${id}%`);
  await run(sql`
    update webhook_deliveries set body = '{"erased":true}'
     where workspace_id = ${w} and body like any(${mentions}::text[])`);
  await run(sql`
    update staff_notifications set summary = '', title = 'Erased customer'
     where workspace_id = ${w} and case_id = any(${K})`);

  // The customer record and what hangs off it.
  await run(sql`delete from customer_identities where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`delete from facts where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`delete from customer_exports where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`delete from customer_routing where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    update devices set serial = 'erased-' || id::text, firmware = null
     where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    delete from diagnostic_snapshots where workspace_id = ${w}
       and (customer_id = any(${C}) or case_id = any(${K}))`);
  await run(sql`delete from diagnostic_codes where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    update playbook_run_steps s set answer = null from playbook_runs r
     where s.workspace_id = ${w} and r.id = s.run_id and (r.customer_id = any(${C}) or r.case_id = any(${K}))`);
  await run(sql`
    update escalations set summary = 'Erased', question = 'Erased',
           findings = case when findings is null then null else 'Erased' end
     where workspace_id = ${w} and (customer_id = any(${C}) or case_id = any(${K}))`);
  await run(sql`
    update calls set from_number = '', to_number = '', note = null, recording_url = null, transcript = null
     where workspace_id = ${w} and (customer_id = any(${C}) or case_id = any(${K}))`);

  // Chat and messaging channels.
  await run(sql`
    update chat_conversations set topic = null, offline_email = null
     where workspace_id = ${w}
       and (case_id = any(${K}) or visitor_id in
            (select id from chat_visitors where workspace_id = ${w} and customer_id = any(${C})))`);
  await run(sql`
    update chat_visitors set name = null, email = null, current_url = null, current_title = null,
           user_agent = null, attributes = '{}'::jsonb
     where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    update channel_threads set external_thread_id = 'erased-' || id::text
     where workspace_id = ${w} and customer_id = any(${C})`);

  // Community and feedback.
  await run(sql`
    update community_posts set body = '', body_html = null, deleted_at = coalesce(deleted_at, now())
     where workspace_id = ${w} and author_member_id = any(${memberIds}::uuid[])`);
  await run(
    sql`delete from community_uploads where workspace_id = ${w} and member_id = any(${memberIds}::uuid[])`,
  );
  await run(sql`
    update community_members set display_name = 'Erased member', bio = null, avatar_key = null, avatar_type = null
     where workspace_id = ${w} and id = any(${memberIds}::uuid[])`);
  await run(sql`delete from feedback_subscriptions where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    update feedback_ideas set description = '', author_customer_id = null
     where workspace_id = ${w} and author_customer_id = any(${C})`);
  await run(sql`
    update feedback_comments set body = '', deleted_at = coalesce(deleted_at, now())
     where workspace_id = ${w} and author_customer_id = any(${C})`);

  // Surveys, conduct, help, mail, academy.
  await run(sql`
    update survey_responses set comment = null, reason = null
     where workspace_id = ${w} and (customer_id = any(${C}) or case_id = any(${K}))`);
  await run(sql`
    update text_assessments set signals = '[]'::jsonb, mask_spans = '[]'::jsonb, error = null
     where workspace_id = ${w} and (customer_id = any(${C}) or case_id = any(${K}))`);
  await run(sql`
    update conduct_steps set notice = 'Erased', reason = 'Erased',
           lift_reason = case when lift_reason is null then null else 'Erased' end
     where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    update conduct_appeals set body = '', response = case when response is null then null else '' end
     where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    update help_request_sessions set last_query = null where workspace_id = ${w} and customer_id = any(${C})`);
  await run(sql`
    delete from outbound_mail where workspace_id = ${w} and lower(to_address) = any(${addresses}::text[])`);
  await run(
    sql`delete from auto_mail_log where workspace_id = ${w} and lower(address) = any(${addresses}::text[])`,
  );
  await run(sql`
    update academy_certificates set learner_name = ${ERASED_NAME} where workspace_id = ${w} and customer_id = any(${C})`);

  // The portal login: its membership here goes; the login itself only when it belongs nowhere else.
  await run(sql`
    delete from memberships where workspace_id = ${w} and user_id = any(${userIds}::text[]) and role = 'customer'`);
  await run(sql`
    delete from auth."user" u where u.id = any(${userIds}::text[])
       and not exists (select 1 from memberships m where m.user_id = u.id)
       and not exists (select 1 from customers c where c.user_id = u.id and not (c.id = any(${C})))`);
  await run(sql`
    update customers set name = ${ERASED_NAME}, organization = null, user_id = null,
           erased_at = coalesce(erased_at, now()), updated_at = now()
     where workspace_id = ${w} and id = any(${C})`);
  return fileKeys;
}
