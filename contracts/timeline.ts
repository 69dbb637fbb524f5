import { z } from "zod";

/**
 * The timeline is one ordered, append-only list of events per customer (and per case).
 * Each kind has a schema for its `data`. Adding a kind = one entry here plus the code that
 * appends it; readers show unknown kinds generically, so nothing else has to change.
 */
// Shapes several kinds share (one definition each keeps the browser's first load small).
const articleRef = z.object({ articleId: z.string(), title: z.string(), url: z.string() });
const topicRef = z.object({ topicId: z.string(), number: z.number(), title: z.string(), url: z.string() });

export const TIMELINE_DATA = {
  "case.created": z.object({ number: z.number(), subject: z.string(), channel: z.string() }),
  "message.added": z.object({
    messageId: z.string(),
    kind: z.enum(["customer", "reply", "note"]),
    excerpt: z.string(),
    channel: z.string(),
    // Who wrote a customer message; differs from the event's actor when an agent recorded it
    // (a phone call typed in), so the timeline can say whose words they are.
    authorName: z.string().optional(),
    // An email's From header as written, and which header gave the sender when From had no
    // usable address (reply-to, sender, return-path, second-from), so an agent can check.
    sender: z.object({ fromHeader: z.string(), fromFallback: z.string().nullable() }).optional(),
  }),
  "case.status_changed": z.object({ from: z.string(), to: z.string() }),
  "case.assigned": z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    toName: z.string().nullable(),
  }),
  "case.team_changed": z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    toName: z.string().nullable(),
  }),
  "case.priority_changed": z.object({ from: z.string(), to: z.string() }),
  "case.tags_changed": z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  "case.subject_changed": z.object({ from: z.string(), to: z.string() }),
  // Merge and split (cases/merge.service.ts, split.service.ts). `moveId` names the undo record.
  "case.merged": z.object({
    moveId: z.string(),
    cases: z.array(z.object({ id: z.string(), number: z.number(), subject: z.string() })),
  }),
  "case.merged_into": z.object({ moveId: z.string(), intoCaseId: z.string(), intoNumber: z.number() }),
  "case.merge_undone": z.object({
    moveId: z.string(),
    cases: z.array(z.object({ id: z.string(), number: z.number() })),
  }),
  "case.split": z.object({
    moveId: z.string(),
    toCaseId: z.string(),
    toNumber: z.number(),
    messageCount: z.number(),
  }),
  "case.split_from": z.object({
    moveId: z.string(),
    fromCaseId: z.string(),
    fromNumber: z.number(),
    messageCount: z.number(),
  }),
  "case.split_undone": z.object({ moveId: z.string(), caseId: z.string(), number: z.number() }),
  "fact.recorded": z.object({ key: z.string(), value: z.unknown(), previous: z.unknown().optional() }),
  "identity.added": z.object({ kind: z.string(), value: z.string() }),
  "device.added": z.object({ deviceId: z.string(), model: z.string(), serial: z.string() }),
  "call.started": z.object({ callId: z.string(), from: z.string(), to: z.string() }),
  "call.ended": z.object({
    callId: z.string(),
    durationSeconds: z.number().nullable(),
    note: z.string().nullable(),
  }),
  "customer.merged": z.object({ duplicateId: z.string(), duplicateName: z.string() }),
  // A billing or CRM fact (retention, issue #19): subscribed, renewed, upgraded, downgraded, churned.
  "customer.lifecycle": z.object({ event: z.string(), at: z.string(), value: z.number().nullable() }),
  "email.bounced": z.object({ address: z.string(), reason: z.string() }),
  // A delivery report saying the mail is delayed (4.x.x): news only, the address stays usable.
  "email.delayed": z.object({ address: z.string(), reason: z.string() }),
  "email.auto_reply": z.object({ from: z.string(), subject: z.string() }),
  // A message sent on to someone outside the case: internal, staff only (see STAFF_ONLY_KINDS).
  "message.forwarded": z.object({ messageId: z.string(), to: z.string(), note: z.string().nullable() }),
  "diagnostic.captured": z.object({
    snapshotId: z.string(),
    source: z.string(),
    deviceSerial: z.string().nullable(),
    summary: z.string(),
  }),
  // Escalation to engineering: staff only (see STAFF_ONLY_KINDS).
  "escalation.created": z.object({ escalationId: z.string(), summary: z.string(), question: z.string() }),
  "escalation.claimed": z.object({ escalationId: z.string(), engineerName: z.string() }),
  "escalation.findings": z.object({ escalationId: z.string(), findings: z.string() }),
  "escalation.closed": z.object({ escalationId: z.string() }),
  "task.created": z.object({ taskId: z.string(), escalationId: z.string().nullable(), title: z.string() }),
  "task.done": z.object({ taskId: z.string(), title: z.string() }),
  // Playbook runs: every step shown, answer given and outcome reached, as it happens.
  "playbook.started": z.object({
    runId: z.string(),
    playbookId: z.string(),
    playbookName: z.string(),
    version: z.number(),
    mode: z.string(),
  }),
  "playbook.step": z.object({ runId: z.string(), stepId: z.string(), kind: z.string(), title: z.string() }),
  "playbook.answer": z.object({
    runId: z.string(),
    stepId: z.string(),
    title: z.string(),
    answer: z.string(),
    snapshotId: z.string().nullable(),
  }),
  "playbook.outcome": z.object({
    runId: z.string(),
    stepId: z.string(),
    outcome: z.string(),
    title: z.string(),
    knownProblem: z.string().nullable(),
  }),
  "playbook.abandoned": z.object({
    runId: z.string(),
    stepId: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  // Problems (issue #14): a short note on each linked case; staff only (see STAFF_ONLY_KINDS).
  "problem.linked": z.object({ problemId: z.string(), number: z.number(), title: z.string() }),
  "problem.unlinked": z.object({ problemId: z.string(), number: z.number() }),
  "problem.waiting": z.object({ problemId: z.string(), number: z.number(), waiting: z.boolean() }),
  "problem.workaround_published": z.object({ problemId: z.string(), number: z.number() }),
  "problem.status_changed": z.object({
    problemId: z.string(),
    number: z.number(),
    from: z.string(),
    to: z.string(),
  }),
  "problem.update_sent": z.object({ problemId: z.string(), number: z.number(), updateId: z.string() }),
  // A help article an agent shared on the case (issue #15); the customer sees it.
  "article.shared": articleRef,
  // The customer opened the case from a help article's "contact support" (issue #15); staff only.
  "article.source": articleRef,
  // Community (issue #16): the case was opened from the customer's own question (they see it),
  // or an agent tied the case to a community topic (staff only).
  "community.escalated": topicRef,
  "community.topic_linked": topicRef,
  // Feedback (issue #17): the customer was told on this case that the idea they asked for is done
  // (the reply itself is on the thread; this says why it was sent). Staff only.
  "idea.done_told": z.object({
    ideaId: z.string(),
    number: z.number(),
    title: z.string(),
    messageId: z.string(),
  }),
  // Feedback (issue #17): an agent counted the case as evidence for an idea; staff only (the
  // idea may sit on a private board).
  "idea.linked": z.object({ ideaId: z.string(), number: z.number(), title: z.string(), url: z.string() }),
  // Actions (issue #18): an agent ran an action in the company's systems from the case (what,
  // with which inputs, what came back). Staff only: inputs and results may be internal.
  "action.run": z.object({
    runId: z.string(),
    actionId: z.string(),
    name: z.string(),
    status: z.string(),
    input: z.record(z.string(), z.unknown()),
    result: z.unknown().optional(),
    error: z.string().nullable().optional(),
  }),
  // Actions (issue #18): a run over its limit asked for, or got, a manager's decision.
  "action.approval": z.object({
    runId: z.string(),
    approvalId: z.string(),
    name: z.string(),
    decision: z.enum(["requested", "approved", "refused"]),
    amount: z.number(),
    reason: z.string().nullable().optional(),
  }),
  // Repeat contacts and at-risk customers (issue #19, modules/repeats): staff only.
  "case.repeat_contact": z.object({
    previousCaseId: z.string(),
    previousCaseNumber: z.number(),
    reason: z.string(),
  }),
  "customer.at_risk": z.object({ score: z.number(), reasons: z.array(z.string()) }),
  "customer.risk_cleared": z.object({ score: z.number() }),
  // Routing (issue #18): why a new case went to its team or agent; staff only.
  "case.routed": z.object({
    reason: z.enum(["dedicated_team", "preferred_agent", "preferred_team", "rule", "unassigned"]),
    /** One sentence for agents, e.g. "Preferred agent Dana is away; sent to their team Billing". */
    detail: z.string(),
    teamId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    ruleId: z.string().nullable(),
  }),
  // Surveys (issue #19): a survey went out after the solve, and the customer's answer.
  "survey.sent": z.object({
    surveyId: z.string(),
    kind: z.enum(["csat", "ces"]),
    channel: z.enum(["email", "portal"]),
  }),
  "survey.responded": z.object({
    surveyId: z.string(),
    kind: z.enum(["csat", "ces"]),
    rating: z.number(),
    sentiment: z.enum(["positive", "neutral", "negative"]),
    reason: z.string().nullable(),
  }),
  // Related cases (issue #19, modules/case-links): on both cases of the pair; staff only.
  "case.linked": z.object({ otherCaseId: z.string(), otherNumber: z.number() }),
  "case.unlinked": z.object({ otherCaseId: z.string(), otherNumber: z.number() }),
  // Staff protection (issue #20, modules/conduct): the ladder's steps and routing; staff only.
  "conduct.step_taken": z.object({ stepId: z.string(), kind: z.string(), reason: z.string() }),
  "conduct.step_lifted": z.object({ stepId: z.string(), kind: z.string(), reason: z.string() }),
  "conduct.case_routed": z.object({ stepId: z.string(), kind: z.string(), detail: z.string() }),
  "conduct.appeal_received": z.object({ appealId: z.string(), stepId: z.string() }),
  // Staff protection (issue #20, conduct/assess): an agent's word on a message, and a case
  // handed to a lead ("I'd rather not continue this one", no reason asked). Staff only.
  "message.abuse_confirmed": z.object({ messageId: z.string(), excerpt: z.string() }),
  "message.abuse_cleared": z.object({ messageId: z.string(), excerpt: z.string() }),
  "case.handed_to_lead": z.object({ toId: z.string(), toName: z.string() }),
  // The academy (issue #21, modules/academy): a lesson an agent suggested in a reply (case and
  // customer), its completion, courses completed, certificates, live sessions.
  "academy.lesson_suggested": z.object({
    lessonId: z.string(),
    lessonTitle: z.string(),
    courseTitle: z.string(),
  }),
  "academy.lesson_completed": z.object({
    lessonId: z.string(),
    lessonTitle: z.string(),
    courseTitle: z.string(),
    suggested: z.boolean(),
  }),
  "academy.course_completed": z.object({ courseId: z.string(), courseTitle: z.string() }),
  "academy.certificate_issued": z.object({ certificateId: z.string(), title: z.string(), code: z.string() }),
  "academy.session_registered": z.object({
    sessionId: z.string(),
    sessionTitle: z.string(),
    status: z.enum(["confirmed", "waitlisted"]),
  }),
  "academy.session_attended": z.object({ sessionId: z.string(), sessionTitle: z.string() }),
  // The chat widget (issue #22, chat/transfer): a chat handed to another agent or a team, with
  // the note left for them (the note is also an internal note on the case). Staff only.
  "chat.transferred": z.object({
    to: z.enum(["agent", "team"]),
    toId: z.string(),
    toName: z.string(),
    note: z.string(),
  }),
  // Chat availability (issue #22, chat/presence and chat/missed): a chat taken back to the
  // team's queue because its agent went offline, and a chat no agent answered in time.
  "chat.requeued": z.object({
    conversationId: z.string(),
    fromId: z.string(),
    fromName: z.string().nullable(),
  }),
  "chat.missed": z.object({ conversationId: z.string(), waitedSeconds: z.number() }),
} as const;

/** Kinds customers never see on their timeline (like internal notes). */
export const STAFF_ONLY_KINDS: readonly string[] = [
  "escalation.created",
  "escalation.claimed",
  "escalation.findings",
  "escalation.closed",
  "task.created",
  "task.done",
  "message.forwarded",
  "problem.linked",
  "problem.unlinked",
  "problem.waiting",
  "problem.workaround_published",
  "problem.status_changed",
  "problem.update_sent",
  "article.source",
  "community.topic_linked",
  "idea.done_told",
  "idea.linked",
  "action.run",
  "action.approval",
  "case.routed",
  "case.repeat_contact",
  "customer.at_risk",
  "customer.risk_cleared",
  "case.linked",
  "case.unlinked",
  "conduct.step_taken",
  "conduct.step_lifted",
  "conduct.case_routed",
  "conduct.appeal_received",
  "message.abuse_confirmed",
  "message.abuse_cleared",
  "case.handed_to_lead",
  "chat.transferred",
  "chat.requeued",
  "chat.missed",
];

export type TimelineKind = keyof typeof TIMELINE_DATA;
export type TimelineData<K extends TimelineKind> = z.infer<(typeof TIMELINE_DATA)[K]>;
export const TIMELINE_KINDS = Object.keys(TIMELINE_DATA) as TimelineKind[];

// The page shape lives apart so the browser's first load does not carry every kind's schema
// (a module-level object of zod calls cannot be tree-shaken).
export { type TimelineEvent, timelineEventSchema, timelinePageSchema } from "./timeline-page.ts";

export const timelineQuerySchema = z.strictObject({
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
