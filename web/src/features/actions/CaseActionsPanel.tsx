import { Alert, Badge, Button, Code, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "../../ui/formatDate.ts";
import { ActionFormModal } from "./ActionFormModal.tsx";
import {
  type Action,
  type ActionRun,
  actionNameOf,
  errorText,
  nameOf,
  retryRun,
  runsKey,
  useActions,
  useActionsWrite,
  useRuns,
} from "./actionsApi.ts";
import { useActionsText } from "./actionsText.ts";
import { ActionGlyph } from "./icons.tsx";

// Shades whose light badges keep text contrast above 4.5:1 (yellow and orange do not).
const COLORS: Record<string, string> = {
  succeeded: "teal",
  failed: "red",
  pending_approval: "grape",
  refused: "gray",
  running: "blue",
};

/** A result as the target sent it: an object's entries one per line, anything else as text. */
function ResultView(props: { result: unknown }) {
  const { result } = props;
  if (result === null || result === undefined || result === "") return null;
  if (typeof result === "object" && !Array.isArray(result))
    return (
      <Stack gap={0} component="dl" m={0}>
        {Object.entries(result as Record<string, unknown>).map(([k, v]) => (
          <Group key={k} gap={6} wrap="nowrap" align="baseline">
            <Text component="dt" size="xs" c="dimmed">
              {k}
            </Text>
            <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere" }}>
              {typeof v === "object" ? JSON.stringify(v) : String(v)}
            </Text>
          </Group>
        ))}
      </Stack>
    );
  return <Code block>{typeof result === "string" ? result : JSON.stringify(result, null, 2)}</Code>;
}

function RunItem(props: { run: ActionRun; actions: Action[] }) {
  const { t, i18n } = useActionsText();
  const { run } = props;
  const retry = useActionsWrite(retryRun);
  const approval = run.approval;
  const reason = approval?.reason ?? "";
  const decider = nameOf(approval?.decidedBy);
  return (
    <Paper withBorder p="xs" radius="sm" component="li">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={600} lineClamp={1} miw={0}>
            {actionNameOf(run, props.actions)}
          </Text>
          <Badge color={COLORS[run.status] ?? "gray"} variant="light" style={{ flexShrink: 0 }}>
            {t(`actions.panel.status.${run.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(run.createdAt, i18n.language)}
          {nameOf(run.requestedBy) ? ` · ${t("actions.panel.by", { name: nameOf(run.requestedBy) })}` : ""}
        </Text>
        {run.status === "succeeded" && <ResultView result={run.result} />}
        {run.status === "succeeded" && decider && (
          <Text size="xs" c="dimmed">
            {t("actions.panel.approvedBy", { name: decider })}
          </Text>
        )}
        {run.status === "pending_approval" && <Text size="sm">{t("actions.panel.waiting")}</Text>}
        {run.status === "refused" && (
          <Text size="sm">
            {decider
              ? t("actions.panel.refused", { name: decider, reason })
              : t("actions.panel.refusedNoName", { reason })}
          </Text>
        )}
        {run.status === "failed" && (
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm" c="red.8">
              {errorText(run.error)
                ? t("actions.panel.failed", { error: errorText(run.error) })
                : t("actions.panel.failedPlain")}
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              loading={retry.isPending}
              onClick={() => retry.mutate([run.id])}
            >
              {t("actions.panel.retry")}
            </Button>
          </Group>
        )}
        {retry.error && (
          <Text size="sm" c="red.8" role="alert">
            {t("actions.panel.failed", { error: retry.error.message })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * "Actions" beside a case: one button per action this agent may run, the form prefilled from
 * what is known about the customer, and the runs on this case with their outcome, kept
 * current (a run waiting for approval is polled until a manager decides).
 */
export function CaseActionsPanel(props: { caseId: string }) {
  const { t } = useActionsText();
  const client = useQueryClient();
  const actions = useActions();
  const runs = useRuns(props.caseId);
  const [open, setOpen] = useState<Action | null>(null);
  const runnable = (actions.data?.items ?? []).filter((a) => a.canRun !== false);
  const items = runs.data?.items ?? [];
  // Nothing to offer and nothing done: the panel stays out of the way.
  if (actions.isPending || (runnable.length === 0 && items.length === 0)) return null;

  const ran = (run: ActionRun) => {
    client.setQueryData<{ items: ActionRun[] }>(runsKey(props.caseId), (old) => ({
      items: [run, ...(old?.items ?? []).filter((r) => r.id !== run.id)],
    }));
    void client.invalidateQueries({ queryKey: runsKey(props.caseId) });
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="case-actions-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="case-actions-heading">
          {t("actions.panel.title")}
        </Title>
        {runnable.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("actions.panel.none")}
          </Text>
        ) : (
          <Group gap="xs">
            {runnable.map((a) => (
              <Button
                key={a.id}
                size="xs"
                variant="light"
                leftSection={<ActionGlyph name={a.icon} />}
                onClick={() => setOpen(a)}
              >
                {a.name}
              </Button>
            ))}
          </Group>
        )}
        <Title order={3} size="h6">
          {t("actions.panel.history")}
        </Title>
        {runs.isPending ? (
          <Loader size="xs" aria-label={t("common.loading")} />
        ) : runs.error ? (
          <Alert color="red">{t("actions.loadError", { message: runs.error.message })}</Alert>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("actions.panel.noRuns")}
          </Text>
        ) : (
          // Announced as it changes: a run finishing or a decision arriving is read out.
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-live="polite">
            {items.slice(0, 10).map((r) => (
              <RunItem key={r.id} run={r} actions={actions.data?.items ?? []} />
            ))}
          </Stack>
        )}
      </Stack>
      <ActionFormModal caseId={props.caseId} action={open} onClose={() => setOpen(null)} onRun={ran} />
    </Paper>
  );
}
