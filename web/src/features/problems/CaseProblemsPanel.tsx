import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconLink, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { notifyDone } from "../escalations/notify.ts";
import { LinkProblemModal } from "./LinkProblemModal.tsx";
import { ProblemStatusBadge } from "./ProblemStatusBadge.tsx";
import {
  linkCases,
  useCaseProblems,
  useProblemSuggestions,
  useProblemWrite,
  waitOnProblem,
} from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";

/**
 * The case page's problems: those it is linked to (and whether it waits on one), linking to
 * another, and suggestions from detection with their reason.
 */
export function CaseProblemsPanel(props: { caseId: string; subject: string; canWork: boolean }) {
  const { t } = useProblemsText();
  const problems = useCaseProblems(props.caseId);
  const suggestions = useProblemSuggestions(props.caseId);
  const [linking, setLinking] = useState(false);
  const wait = useProblemWrite((problemId: string | null) => waitOnProblem(props.caseId, problemId));
  const link = useProblemWrite((problemId: string) => linkCases(problemId, { caseIds: [props.caseId] }));
  const items = problems.data?.items ?? [];
  const linkedIds = new Set(items.map((p) => p.problemId));
  // Detection may not be installed (404): then there are simply no suggestions.
  const suggested = (suggestions.data?.items ?? []).filter((s) => !linkedIds.has(s.problemId));
  const error = wait.error ?? link.error;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="case-problems">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h6" tt="uppercase" c="dimmed" id="case-problems">
            {t("problems.casePanel.title")}
          </Title>
          {props.canWork && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconLink size={12} aria-hidden />}
              onClick={() => setLinking(true)}
            >
              {t("problems.casePanel.link")}
            </Button>
          )}
        </Group>
        {problems.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : problems.isError ? (
          <Text size="sm" c="var(--mantine-color-error)">
            {problems.error.message}
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("problems.casePanel.none")}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {items.map((p) => (
              <Stack key={p.problemId} gap={4} component="li" data-problem-id={p.problemId}>
                <Anchor component={Link} to={`/app/problems/${p.problemId}`} size="sm" fw={600}>
                  {p.number !== null ? t("problems.ref", { number: p.number, title: p.title }) : p.title}
                </Anchor>
                <Group gap="xs">
                  <ProblemStatusBadge status={p.status} size="sm" />
                  {p.waiting && (
                    <Badge variant="outline" color="grape" size="sm">
                      {t("problems.casePanel.waiting")}
                    </Badge>
                  )}
                  {props.canWork && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      loading={wait.isPending && wait.variables === (p.waiting ? null : p.problemId)}
                      onClick={() =>
                        wait.mutate(p.waiting ? null : p.problemId, {
                          onSuccess: () =>
                            notifyDone(
                              t,
                              p.waiting
                                ? t("problems.casePanel.waitCleared")
                                : t("problems.casePanel.waitSet", { number: p.number ?? "" }),
                            ),
                        })
                      }
                    >
                      {p.waiting ? t("problems.casePanel.stopWaiting") : t("problems.casePanel.wait")}
                    </Button>
                  )}
                </Group>
              </Stack>
            ))}
          </Stack>
        )}
        {props.canWork && suggested.length > 0 && (
          <Stack gap={6} role="group" aria-label={t("problems.casePanel.suggestions")}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {t("problems.casePanel.suggestions")}
            </Text>
            {suggested.map((s) => (
              <Group key={s.problemId} gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
                <Stack gap={0} miw={0}>
                  <Anchor component={Link} to={`/app/problems/${s.problemId}`} size="sm">
                    {t("problems.ref", { number: s.number, title: s.title })}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {s.reason}
                  </Text>
                </Stack>
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconPlus size={12} aria-hidden />}
                  aria-label={t("problems.casePanel.suggestionLinkLabel", {
                    number: s.number,
                    title: s.title,
                  })}
                  loading={link.isPending && link.variables === s.problemId}
                  onClick={() =>
                    link.mutate(s.problemId, {
                      onSuccess: () => notifyDone(t, t("problems.link.linkedShort", { number: s.number })),
                    })
                  }
                >
                  {t("problems.casePanel.suggestionLink")}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        {error && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {error.message}
          </Text>
        )}
      </Stack>
      {linking && (
        <LinkProblemModal
          opened
          onClose={() => setLinking(false)}
          caseIds={[props.caseId]}
          defaultTitle={props.subject}
        />
      )}
    </Paper>
  );
}
