import { Alert, List, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TimelineEvent } from "../../../../contracts/timeline.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { TimelineList } from "../customers/TimelineList.tsx";
import { usePlaybookRuns } from "./escalationsApi.ts";

/**
 * The playbook runs of the case, step by step. Where the playbooks module does not serve runs,
 * the playbook events of the timeline stand in.
 */
export function PlaybookRunsCard(props: { caseId: string; timeline: TimelineEvent[] }) {
  const { t, i18n } = useTranslation();
  const runs = usePlaybookRuns(props.caseId);
  const fallback = props.timeline.filter((e) => e.kind.startsWith("playbook."));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="esc-runs">
      <Stack gap="sm">
        <Title order={2} size="h4" id="esc-runs">
          {t("escalations.playbookRuns")}
        </Title>
        {runs.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : runs.data ? (
          runs.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("escalations.noRuns")}
            </Text>
          ) : (
            runs.data.items.map((run) => (
              <Stack key={run.id} gap={4} data-run-id={run.id}>
                <Text fw={600} size="sm">
                  {t("escalations.runTitle", {
                    name: run.playbookName,
                    version: run.version,
                    status: run.status,
                  })}
                </Text>
                <List size="sm" type="ordered">
                  {run.steps.map((s) => (
                    <List.Item key={s.seq}>
                      {s.title}
                      {s.answer ? ` — ${t("escalations.runStepAnswer", { answer: s.answer })}` : ""}
                      <Text span size="xs" c="dimmed">
                        {" "}
                        · {formatDateTime(s.shownAt, i18n.language)}
                        {s.by ? ` · ${s.by}` : ""}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            ))
          )
        ) : (
          <>
            <Alert color="gray" variant="light">
              {t("escalations.playbookEventsFallback")}
            </Alert>
            {fallback.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("escalations.noRuns")}
              </Text>
            ) : (
              <TimelineList events={fallback} />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
