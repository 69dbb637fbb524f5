import { Badge, Button, Group, Loader, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { IconRoute } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Run } from "../../../../contracts/playbooks.ts";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useMe } from "../auth/session.ts";
import { useCaseRuns, usePlaybooks, useStartCaseRun } from "./playbooksApi.ts";
import { RunView, STATUS_COLOR } from "./RunView.tsx";

function RunRow(props: { run: Run; active: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  const { run } = props;
  return (
    <Stack gap={4} data-testid="playbook-run-row">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {t("runs.version", { name: run.playbookName, version: run.version })}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(run.startedAt, i18n.language)}
            {run.startedBy ? ` · ${t("runs.startedBy", { name: run.startedBy })}` : ""}
          </Text>
        </Stack>
        <Badge color={STATUS_COLOR[run.status]} variant="light" style={{ flexShrink: 0 }}>
          {t(`runs.status.${run.status}`)}
        </Badge>
      </Group>
      <Group>
        <Button
          size="compact-xs"
          variant={run.status === "open" ? "filled" : "subtle"}
          onClick={props.onToggle}
        >
          {props.active ? t("runs.hide") : run.status === "open" ? t("runs.continue") : t("runs.view")}
        </Button>
      </Group>
    </Stack>
  );
}

/** Loading says so (and is announced), rather than claiming there is nothing. */
function Loading(props: { label: string }) {
  return (
    <Group gap="xs" role="status">
      <Loader size="xs" aria-hidden />
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
    </Group>
  );
}

/**
 * Playbooks on the case page: start one with the customer on the phone, continue an open run
 * (even one another agent began), and read finished runs step by step.
 */
export function CasePlaybooksPanel(props: { caseId: string }) {
  const { t } = useTranslation();
  // Engineers read runs; only those who work cases start them.
  const canRun = useMe().data?.permissions.includes("cases.work") ?? false;
  const runs = useCaseRuns(props.caseId);
  const playbooks = usePlaybooks(canRun);
  const start = useStartCaseRun(props.caseId);
  const [picked, setPicked] = useState<string | null>(null);
  // undefined until the agent opens or hides a run: then the newest open run stays open, so a
  // reload (or a live refresh) lands where the call left off instead of collapsing it.
  const [active, setActive] = useState<string | null | undefined>(undefined);
  const options = (playbooks.data?.items ?? [])
    .filter((p) => p.publishedVersion !== null)
    .map((p) => ({ value: p.id, label: p.name }));
  const items = runs.data?.items ?? [];
  const expanded = active === undefined ? (items.find((r) => r.status === "open")?.id ?? null) : active;
  const shown = items.find((r) => r.id === expanded);

  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="case-playbooks-title">
      <Stack gap="sm">
        <Group gap="xs">
          <IconRoute size={18} aria-hidden />
          <Title order={2} size="h5" id="case-playbooks-title">
            {t("runs.panelTitle")}
          </Title>
        </Group>
        {runs.isPending ? (
          <Loading label={t("runs.loadingRuns")} />
        ) : runs.isError ? (
          <Text size="sm" c="red" role="alert">
            {t("common.genericError")}
          </Text>
        ) : (
          items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("runs.noneOpen")}
            </Text>
          )
        )}
        {items.map((r) => (
          <Stack key={r.id} gap="xs">
            <RunRow
              run={r}
              active={expanded === r.id}
              onToggle={() => setActive(expanded === r.id ? null : r.id)}
            />
            {shown?.id === r.id && <RunView runId={r.id} audience="agent" header={false} />}
          </Stack>
        ))}
        {!canRun ? null : playbooks.isPending ? (
          <Loading label={t("runs.loadingPlaybooks")} />
        ) : options.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("runs.noPublished")}
          </Text>
        ) : (
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Select
              label={t("runs.pick")}
              data={options}
              value={picked}
              onChange={setPicked}
              // Picking the same playbook again (a second run) must not clear the choice.
              allowDeselect={false}
              searchable
              style={{ flex: 1 }}
            />
            <Button
              disabled={!picked}
              loading={start.isPending}
              onClick={() =>
                picked &&
                start.mutate(picked, {
                  onSuccess: (run) => setActive(run.id),
                })
              }
            >
              {t("runs.start")}
            </Button>
          </Group>
        )}
        {start.error && (
          <Text size="sm" c="red" role="alert">
            {start.error instanceof ApiError ? start.error.message : t("common.genericError")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
