import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Run, RunStatus } from "../../../../contracts/playbooks.ts";
import { ApiError } from "../../api/client.ts";
import { RecommendedLessonSlot } from "../academy-support/slots.tsx";
import { requestEscalation } from "../escalations/escalateRequest.ts";
import { useCaseEscalations } from "../escalations/escalationsApi.ts";
import { CheckAnswer } from "./CheckAnswer.tsx";
import { useRun, useRunAction } from "./playbooksApi.ts";
import { StepContent } from "./StepContent.tsx";

export const STATUS_COLOR: Record<RunStatus, string> = {
  open: "blue",
  resolved: "teal",
  escalate: "red",
  known_problem: "grape",
  abandoned: "gray",
};

/** The steps already taken, in order, with the answer given at each. */
export function RunHistory(props: { run: Run; audience?: "agent" | "customer" }) {
  const { t } = useTranslation();
  // Customers read what they did, not the conditions behind it or who clicked.
  const customer = props.audience === "customer";
  const done = props.run.steps.filter((s) => s.answeredAt !== null && s.kind !== "outcome");
  if (done.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t("runs.history")}
      </Text>
      <List type="ordered" size="sm" spacing={2} aria-label={t("runs.history")}>
        {done.map((s) => (
          <List.Item key={s.seq} data-step={s.stepId}>
            {s.title} — <strong>{customer && s.kind === "check" ? t("runs.snapshotSent") : s.answer}</strong>
            {s.by && !customer ? ` (${t("runs.by", { name: s.by })})` : ""}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** What the engineer should know about the run, as the escalation's opening summary. */
function runSummary(run: Run): string {
  const lines = run.steps.filter((s) => s.answer).map((s) => `- ${s.title}: ${s.answer}`);
  return [`Playbook “${run.playbookName}” (version ${run.version}) ended in escalate.`, ...lines]
    .join("\n")
    .slice(0, 2000);
}

/** Escalate a run once: afterwards the note links to its escalation instead of offering it again. */
function EscalateRun(props: { run: Run; caseId: string }) {
  const { t } = useTranslation();
  const escalations = useCaseEscalations(props.caseId);
  if (escalations.isPending) return null;
  const done = escalations.data?.items.find((e) => e.runId === props.run.id);
  if (done)
    return (
      <Text size="sm">
        {t("runs.escalated")}{" "}
        <Anchor component={Link} to={`/app/escalations/${done.id}`}>
          {t("runs.viewEscalation")}
        </Anchor>
      </Text>
    );
  return (
    <Button
      size="xs"
      color="red"
      variant="light"
      onClick={() =>
        requestEscalation({ caseId: props.caseId, summary: runSummary(props.run), runId: props.run.id })
      }
    >
      {t("runs.escalateNow")}
    </Button>
  );
}

function OutcomeNote(props: { run: Run; audience: "agent" | "customer" }) {
  const { t } = useTranslation();
  const last = props.run.steps.at(-1);
  const title = last?.title ?? "";
  switch (props.run.status) {
    case "resolved":
      return (
        <Alert
          color="teal"
          role="status"
          title={props.audience === "customer" ? t("runs.portalResolved") : undefined}
        >
          {t("runs.outcomeResolved", { title })}
        </Alert>
      );
    case "escalate":
    case "known_problem":
      if (props.audience === "customer")
        return (
          <Alert color="blue" role="status" title={title}>
            {t("runs.portalHandOver")}
          </Alert>
        );
      return (
        <Alert color={props.run.status === "escalate" ? "red" : "grape"} role="status">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {props.run.status === "escalate"
                ? t("runs.outcomeEscalate", { title })
                : t("runs.outcomeKnown", { title })}
            </Text>
            {props.run.status === "escalate" && props.run.caseId && (
              <EscalateRun run={props.run} caseId={props.run.caseId} />
            )}
          </Stack>
        </Alert>
      );
    case "abandoned":
      return (
        <Alert color="gray" role="status">
          {t("runs.abandonedNote")}
        </Alert>
      );
    default:
      return null;
  }
}

/**
 * One run, step by step: what to say or do now, how to answer, and what happened so far.
 * Agents and customers see the same steps; only the way a snapshot arrives differs.
 */
export function RunView(props: { runId: string; audience: "agent" | "customer"; header?: boolean }) {
  const { t } = useTranslation();
  const found = useRun(props.runId);
  const run = found.data;
  const act = useRunAction(props.runId, run?.caseId ?? null);
  if (!run) return null;
  const step = run.current;
  const answer = (extra: { choice?: number; snapshotId?: string }) =>
    step && act.mutate({ kind: "answer", stepId: step.id, ...extra });
  const error = act.error instanceof ApiError ? act.error : null;

  return (
    <Stack gap="md" data-testid="playbook-run">
      {props.header !== false && (
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t("runs.version", { name: run.playbookName, version: run.version })}</Text>
          {props.audience === "agent" && (
            <Badge color={STATUS_COLOR[run.status]} variant="light">
              {t(`runs.status.${run.status}`)}
            </Badge>
          )}
        </Group>
      )}
      {error && (
        <Alert color={error.status === 409 ? "blue" : "red"} role="alert">
          {error.status === 409 ? t("runs.stale") : error.message}
        </Alert>
      )}
      {step && (
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <StepContent step={step} />
            {step.kind === "instruction" && (
              <Group>
                <Button onClick={() => answer({})} loading={act.isPending}>
                  {props.audience === "customer" ? t("runs.doneCustomer") : t("runs.done")}
                </Button>
              </Group>
            )}
            {step.kind === "question" && (
              <Stack gap="xs">
                {step.choices.map((c, i) => (
                  <Button
                    // biome-ignore lint/suspicious/noArrayIndexKey: choices and conditions are positional (the answer is the index)
                    key={`${i}-${c.label}`}
                    variant="light"
                    justify="flex-start"
                    onClick={() => answer({ choice: i })}
                    disabled={act.isPending}
                  >
                    {c.label}
                  </Button>
                ))}
              </Stack>
            )}
            {step.kind === "check" && (
              <CheckAnswer
                run={run}
                audience={props.audience}
                busy={act.isPending}
                onUse={(snapshotId) => answer({ snapshotId })}
              />
            )}
          </Stack>
        </Paper>
      )}
      <OutcomeNote run={run} audience={props.audience} />
      {run.status !== "open" && (
        <RecommendedLessonSlot
          playbookId={run.playbookId}
          stepId={run.steps.findLast((x) => x.kind === "outcome")?.stepId}
        />
      )}
      <RunHistory run={run} audience={props.audience} />
      {run.status === "open" && (
        <Group>
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            onClick={() => act.mutate({ kind: "abandon" })}
            disabled={act.isPending}
          >
            {props.audience === "customer" ? t("runs.portalStillNeedHelp") : t("runs.abandon")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
