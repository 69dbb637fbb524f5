import { Loader, Text, Timeline } from "@mantine/core";
import type { z } from "zod";
import type { problemEventSchema } from "../../../../contracts/problems.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useProblemEvents } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";

type ProblemEvent = z.infer<typeof problemEventSchema>;

const KINDS = [
  "problem.created",
  "problem.status_changed",
  "problem.cases_linked",
  "problem.case_unlinked",
  "problem.workaround_published",
  "problem.update_sent",
  "problem.changed",
  "problem.escalation_linked",
  "problem.escalation_unlinked",
  "problem.update_queued",
  "problem.workaround_withdrawn",
] as const;
type Kind = (typeof KINDS)[number];
const FIELDS = [
  "title",
  "description",
  "publicTitle",
  "publicWorkaround",
  "affectedProducts",
  "ownerId",
  "teamId",
] as const;
const isField = (f: unknown): f is (typeof FIELDS)[number] => (FIELDS as readonly unknown[]).includes(f);
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

/** The problem's own history, newest first, in words. */
export function ProblemTimeline(props: { problemId: string }) {
  const { t, i18n } = useProblemsText();
  const events = useProblemEvents(props.problemId);
  const status = (s: unknown) =>
    typeof s === "string" ? t(`problemStatus.${s}` as "problemStatus.fixed", s) : "";

  const detail = (e: ProblemEvent): string | null => {
    const d = e.data;
    if (e.kind === "problem.status_changed" && d.to)
      return t("problems.timeline.statusFromTo", { from: status(d.from), to: status(d.to) });
    if (e.kind === "problem.cases_linked" && typeof d.count === "number")
      return t("problems.timeline.count", { count: d.count });
    if (e.kind === "problem.case_unlinked" && typeof d.number === "number") return `#${d.number}`;
    if (e.kind === "problem.update_queued" && typeof d.audience === "number")
      return t("problems.timeline.count", { count: d.audience });
    if (e.kind === "problem.update_sent" && typeof d.sent === "number")
      return t("problems.timeline.sentSkipped", { sent: d.sent, skipped: Number(d.skipped ?? 0) });
    if (e.kind === "problem.escalation_linked" && typeof d.summary === "string") return d.summary;
    if (e.kind === "problem.created" && typeof d.title === "string") return d.title;
    if (e.kind === "problem.changed" && Array.isArray(d.fields))
      return d.fields.map((f) => (isField(f) ? t(`problems.timeline.fields.${f}`) : String(f))).join(", ");
    return null;
  };

  if (events.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (events.isError)
    return (
      <Text size="sm" c="var(--mantine-color-error)">
        {events.error.message}
      </Text>
    );
  const items = events.data.items;
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("problems.timeline.none")}
      </Text>
    );
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {items.map((e) => {
        const more = detail(e);
        return (
          <Timeline.Item
            key={e.id}
            title={isKind(e.kind) ? t(`problems.timeline.kinds.${e.kind}`) : e.kind}
            data-kind={e.kind}
          >
            {more && (
              <Text size="sm" lineClamp={2}>
                {more}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {e.actorName
                ? t("problems.timeline.by", {
                    name: e.actorName,
                    time: formatDateTime(e.occurredAt, i18n.language),
                  })
                : formatDateTime(e.occurredAt, i18n.language)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
