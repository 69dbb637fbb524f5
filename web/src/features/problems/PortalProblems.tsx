import { Alert, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBellOff, IconTool } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ProblemStatus } from "../../../../contracts/problems.ts";
import { optOut, useCaseProblems } from "./problemsApi.ts";
import { problemsKey } from "./problemsKey.ts";
import { useProblemsText } from "./problemsText.ts";
import { WorkaroundHtml } from "./WorkaroundHtml.tsx";

const TONE: Record<ProblemStatus, string> = {
  investigating: "blue",
  identified: "blue",
  fix_in_progress: "blue",
  workaround_available: "indigo",
  fixed: "teal",
  closed: "teal",
};

/**
 * On a customer's request: the known problems it is linked to, in plain words, with the
 * workaround and a way to stop the updates. The server gives customers only the public title,
 * status and workaround.
 */
export function PortalProblems(props: { caseId: string }) {
  const { t } = useProblemsText();
  const problems = useCaseProblems(props.caseId);
  const items = problems.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" role="region" aria-label={t("problems.portal.label")}>
      {items.map((p) => (
        <ProblemCard key={p.problemId} caseId={props.caseId} problem={p} />
      ))}
    </Stack>
  );
}

function ProblemCard(props: {
  caseId: string;
  problem: { problemId: string; title: string; status: ProblemStatus; workaroundHtml: string | null };
}) {
  const { t } = useProblemsText();
  const queryClient = useQueryClient();
  const p = props.problem;
  const [optedOut, setOptedOut] = useState(false);
  const stop = useMutation({
    mutationFn: () => optOut(props.caseId, p.problemId),
    onSuccess: () => {
      setOptedOut(true);
      void queryClient.invalidateQueries({ queryKey: problemsKey });
    },
  });
  const status: Record<ProblemStatus, string> = {
    investigating: t("problems.portal.status.investigating"),
    identified: t("problems.portal.status.identified"),
    fix_in_progress: t("problems.portal.status.fix_in_progress"),
    workaround_available: t("problems.portal.status.workaround_available"),
    fixed: t("problems.portal.status.fixed"),
    closed: t("problems.portal.status.closed"),
  };
  const headingId = `portal-problem-${p.problemId}`;
  return (
    <Paper
      withBorder
      radius="lg"
      p="lg"
      component="article"
      aria-labelledby={headingId}
      data-problem-id={p.problemId}
    >
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color={TONE[p.status]} size={36} radius="xl" aria-hidden>
            <IconTool size={20} />
          </ThemeIcon>
          <Stack gap={2} miw={0}>
            <Title order={2} size="h4" id={headingId}>
              {p.title}
            </Title>
            <Text
              fw={600}
              c={`light-dark(var(--mantine-color-${TONE[p.status]}-8), var(--mantine-color-${TONE[p.status]}-3))`}
              data-testid="problem-status"
            >
              {status[p.status]}
            </Text>
          </Stack>
        </Group>
        <Text size="sm" c="dimmed">
          {t("problems.portal.intro")}
        </Text>
        {p.workaroundHtml && (
          <Stack gap={4}>
            <Text size="sm" fw={700}>
              {t("problems.portal.workaround")}
            </Text>
            <WorkaroundHtml html={p.workaroundHtml} />
          </Stack>
        )}
        {optedOut ? (
          <Alert color="gray" role="status" icon={<IconBellOff aria-hidden />}>
            {t("problems.portal.optedOut")}
          </Alert>
        ) : (
          <Group>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconBellOff size={16} aria-hidden />}
              loading={stop.isPending}
              onClick={() => stop.mutate()}
            >
              {t("problems.portal.optOut")}
            </Button>
          </Group>
        )}
        {stop.error && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {stop.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
