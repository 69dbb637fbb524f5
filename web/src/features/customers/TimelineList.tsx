import { Anchor, Group, Stack, Text, Timeline } from "@mantine/core";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { TimelineEvent } from "../../../../contracts/timeline.ts";
import { addTextOnce } from "../../i18n/lazyText.ts";
import { timelineLater } from "../../i18n/locales/en/timelineLater.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { describeMoveEvent } from "../cases/describeMoveEvent.ts";
import { CallDetailsSlot } from "../channels/slots.tsx";
import { SnapshotButton } from "../diagnostics/SnapshotViewer.tsx";
import { TimelineDeviceLink } from "../diagnostics/TimelineDeviceLink.tsx";
import { describeEscalationEvent } from "../escalations/describeEscalationEvent.ts";
import { describeProblemEvent } from "../problems/describeProblemEvent.ts";
import { useProblemsText } from "../problems/problemsText.ts";
import { describeLaterEvent } from "./describeLaterEvent.ts";
import { factLabel, factText } from "./factValue.ts";

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

function duration(seconds: unknown): string {
  if (typeof seconds !== "number") return "?";
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m} min ${seconds % 60} s` : `${seconds} s`;
}

/** One sentence per event kind; unknown kinds (added later on the server) show their name. */
export function describeEvent(t: TFunction, e: TimelineEvent, locale = "en"): string {
  const d = e.data;
  switch (e.kind) {
    case "case.created":
      return t("timeline.kinds.case_created", {
        number: str(d.number),
        subject: str(d.subject),
        channel: str(d.channel),
      });
    case "message.added": {
      const kind = d.kind === "reply" || d.kind === "note" ? d.kind : "customer";
      return t(`timeline.kinds.message_${kind}`, { excerpt: str(d.excerpt) });
    }
    case "case.status_changed":
    case "case.priority_changed":
      return t(
        e.kind === "case.status_changed"
          ? "timeline.kinds.case_status_changed"
          : "timeline.kinds.case_priority_changed",
        { from: str(d.from), to: str(d.to) },
      );
    case "case.assigned":
      return d.to
        ? t("timeline.kinds.case_assigned", { name: str(d.toName) })
        : t("timeline.kinds.case_unassigned");
    case "case.team_changed":
      return d.to
        ? t("timeline.kinds.case_team_changed", { name: str(d.toName) })
        : t("timeline.kinds.case_team_removed");
    case "case.tags_changed": {
      const added = Array.isArray(d.added) ? d.added.map((x) => `+${str(x)}`) : [];
      const removed = Array.isArray(d.removed) ? d.removed.map((x) => `−${str(x)}`) : [];
      return t("timeline.kinds.case_tags_changed", { changes: [...added, ...removed].join(", ") });
    }
    case "case.subject_changed":
      return t("timeline.kinds.case_subject_changed", { to: str(d.to) });
    case "fact.recorded": {
      const key = factLabel(t, str(d.key));
      const text = (v: unknown) => factText(v, str(d.key), locale);
      return d.previous !== undefined && d.previous !== null
        ? t("timeline.kinds.fact_changed", {
            key,
            value: text(d.value),
            previous: text(d.previous),
          })
        : t("timeline.kinds.fact_recorded", { key, value: text(d.value) });
    }
    case "identity.added":
      return t("timeline.kinds.identity_added", { kind: str(d.kind), value: str(d.value) });
    case "device.added":
      return t("timeline.kinds.device_added", { model: str(d.model), serial: str(d.serial) });
    case "call.started":
      return t("timeline.kinds.call_started", { from: str(d.from) });
    case "call.ended":
      return d.note
        ? t("timeline.kinds.call_ended_note", { duration: duration(d.durationSeconds), note: str(d.note) })
        : t("timeline.kinds.call_ended", { duration: duration(d.durationSeconds) });
    case "customer.merged":
      return t("timeline.kinds.customer_merged", { name: str(d.duplicateName) });
    case "diagnostic.captured":
      return t("timelineDiagnostics.captured", { source: str(d.source) });
    case "playbook.started":
      return t("timelinePlaybooks.started", { name: str(d.playbookName), version: str(d.version) });
    case "playbook.step":
      return t("timelinePlaybooks.step", { title: str(d.title) });
    case "playbook.answer":
      return t("timelinePlaybooks.answer", { title: str(d.title), answer: str(d.answer) });
    case "playbook.outcome":
      return t("timelinePlaybooks.outcome", { outcome: str(d.outcome), title: str(d.title) });
    case "playbook.abandoned":
      return t("timelinePlaybooks.abandoned");
    // The article's title follows as a link (ArticleLink below).
    case "article.source":
      return t("timeline.kinds.article_source");
    case "article.shared":
      return t("timeline.kinds.article_shared");
    // Community (issue #16): where a request came from, or a topic an agent tied to it.
    case "community.escalated":
      return t("timeline.kinds.community_escalated", { title: str(d.title) });
    case "community.topic_linked":
      return t("timeline.kinds.community_topic_linked", { title: str(d.title) });
    default:
      return (
        describeEscalationEvent(t, e) ??
        describeMoveEvent(t, e) ??
        describeProblemEvent(t, e) ??
        describeLaterEvent(t, e, locale) ??
        t("timeline.kinds.unknown", { kind: e.kind })
      );
  }
}

/** A customer's words typed in by an agent: the customer is who "wrote", the agent recorded it. */
function recordedFor(e: TimelineEvent): string | null {
  if (e.kind !== "message.added" || e.data.kind !== "customer") return null;
  const author = typeof e.data.authorName === "string" ? e.data.authorName : null;
  return author && e.actor && author !== e.actor.name ? author : null;
}

/** A help article named by an event: its title, opening the reader's view in a new tab. */
export function ArticleLink(props: { data: Record<string, unknown> }) {
  const { url, title } = props.data;
  if (typeof url !== "string" || typeof title !== "string") return null;
  // Only our own help pages (relative, or http(s) as article.shared stores them): never a javascript: URL.
  if (!/^(\/help\/|https?:\/\/)/.test(url)) return <> “{title}”</>;
  return (
    <>
      {" "}
      <Anchor href={url} target="_blank" rel="noopener" inherit fw={600}>
        {title}
      </Anchor>
    </>
  );
}

/** The story of a customer or a case, newest first, each event linked to its case. */
export function TimelineList(props: { events: TimelineEvent[]; showCase?: boolean }) {
  // With the problems' text: a case's timeline tells of the problems it is linked to.
  const { t, i18n } = useProblemsText();
  // And the sentences of the kinds added since the first load's text (describeLaterEvent).
  addTextOnce(i18n, "timelineLater.caseLinked", timelineLater);
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {props.events.map((e) => (
        <Timeline.Item key={e.id} data-kind={e.kind}>
          <Stack gap={2}>
            <Text size="sm">
              <Text span fw={600}>
                {recordedFor(e) ?? e.actor?.name ?? t("timeline.system")}
              </Text>{" "}
              {describeEvent(t, e, i18n.language)}
              {recordedFor(e) && e.actor && ` ${t("timeline.recordedBy", { name: e.actor.name })}`}
              {(e.kind === "article.source" || e.kind === "article.shared") && <ArticleLink data={e.data} />}
              {e.kind === "diagnostic.captured" && typeof e.data.deviceSerial === "string" && (
                <>
                  {" · "}
                  <TimelineDeviceLink customerId={e.customerId} serial={e.data.deviceSerial} />
                </>
              )}
            </Text>
            {e.kind === "call.ended" && <CallDetailsSlot data={e.data} />}
            {e.kind === "diagnostic.captured" && typeof e.data.snapshotId === "string" && (
              <Group>
                <SnapshotButton snapshotId={e.data.snapshotId} />
              </Group>
            )}
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {formatDateTime(e.occurredAt, i18n.language)}
              </Text>
              {props.showCase && e.caseId && e.caseNumber !== null && (
                <Anchor component={Link} to={`/app/cases/${e.caseId}`} size="xs">
                  {t("timeline.caseRef", { number: e.caseNumber })}
                </Anchor>
              )}
            </Group>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
