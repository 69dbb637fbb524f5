import type { TFunction } from "i18next";
import type { TimelineEvent } from "../../../../contracts/timeline.ts";

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/**
 * The sentence for an event kind added after the first load's text (timelineLater.ts), or
 * undefined for any other kind. The caller's t must have that text added (TimelineList does).
 */
export function describeLaterEvent(t: TFunction, e: TimelineEvent, locale: string): string | undefined {
  const d = e.data;
  switch (e.kind) {
    case "case.routed":
      return t("timelineLater.caseRouted", { detail: str(d.detail) });
    case "action.run":
      return t("timelineLater.actionRun", { name: str(d.name), status: str(d.status) });
    case "action.approval":
      return t("timelineLater.actionApproval", {
        name: str(d.name),
        amount: str(d.amount),
        decision: t(
          `timelineLater.approval.${str(d.decision)}` as "timelineLater.approval.requested",
          str(d.decision),
        ),
      });
    case "case.repeat_contact":
      return t("timelineLater.repeatContact", {
        number: str(d.previousCaseNumber),
        reason: t(
          `timelineLater.repeatReasons.${str(d.reason)}` as "timelineLater.repeatReasons.link",
          str(d.reason),
        ),
      });
    case "customer.at_risk":
      return t("timelineLater.atRisk", { score: str(d.score) });
    case "customer.risk_cleared":
      return t("timelineLater.riskCleared");
    case "survey.sent":
      return t("timelineLater.surveySent", { kind: str(d.kind).toUpperCase(), channel: str(d.channel) });
    case "survey.responded":
      return t("timelineLater.surveyResponded", {
        kind: str(d.kind).toUpperCase(),
        rating: str(d.rating),
        sentiment: str(d.sentiment),
      });
    case "customer.lifecycle": {
      const at = Date.parse(str(d.at));
      const date = Number.isNaN(at) ? str(d.at) : new Date(at).toLocaleDateString(locale);
      return typeof d.value === "number"
        ? t("timelineLater.lifecycleValue", { event: str(d.event), date, value: d.value })
        : t("timelineLater.lifecycle", { event: str(d.event), date });
    }
    case "case.linked":
      return t("timelineLater.caseLinked", { number: str(d.otherNumber) });
    case "case.unlinked":
      return t("timelineLater.caseUnlinked", { number: str(d.otherNumber) });
    case "conduct.step_taken":
      return t("timelineLater.stepTaken", { kind: str(d.kind), reason: str(d.reason) });
    case "conduct.step_lifted":
      return t("timelineLater.stepLifted", { kind: str(d.kind), reason: str(d.reason) });
    case "conduct.case_routed":
      return t("timelineLater.conductRouted", { detail: str(d.detail) });
    case "conduct.appeal_received":
      return t("timelineLater.appealReceived");
    case "message.abuse_confirmed":
      return t("timelineLater.abuseConfirmed");
    case "message.abuse_cleared":
      return t("timelineLater.abuseCleared");
    case "case.handed_to_lead":
      return t("timelineLater.handedToLead", { name: str(d.toName) });
    case "email.bounced":
      return t("timelineLater.emailBounced", { address: str(d.address), reason: str(d.reason) });
    case "email.delayed":
      return t("timelineLater.emailDelayed", { address: str(d.address), reason: str(d.reason) });
    case "email.auto_reply":
      return t("timelineLater.autoReply", { from: str(d.from) });
    case "message.forwarded":
      return t("timelineLater.forwarded", { to: str(d.to) });
    case "idea.linked":
      return t("timelineLater.ideaLinked", { number: str(d.number), title: str(d.title) });
    case "idea.done_told":
      return t("timelineLater.ideaDoneTold", { number: str(d.number), title: str(d.title) });
    case "academy.lesson_suggested":
      return t("timelineLater.lessonSuggested", { lesson: str(d.lessonTitle), course: str(d.courseTitle) });
    case "academy.lesson_completed":
      return t(d.suggested ? "timelineLater.lessonCompletedSuggested" : "timelineLater.lessonCompleted", {
        lesson: str(d.lessonTitle),
        course: str(d.courseTitle),
      });
    case "academy.course_completed":
      return t("timelineLater.courseCompleted", { course: str(d.courseTitle) });
    case "academy.certificate_issued":
      return t("timelineLater.certificateIssued", { title: str(d.title), code: str(d.code) });
    case "academy.session_registered":
      return t(
        d.status === "waitlisted" ? "timelineLater.sessionWaitlisted" : "timelineLater.sessionRegistered",
        {
          title: str(d.sessionTitle),
        },
      );
    case "academy.session_attended":
      return t("timelineLater.sessionAttended", { title: str(d.sessionTitle) });
    case "chat.transferred":
      return t("timelineLater.chatTransferred", { name: str(d.toName), note: str(d.note) });
    default:
      return undefined;
  }
}
