import "@mantine/core/styles/Progress.css";
import { Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { IMPORT_RESOURCES, type ImportRun, type ImportStatus } from "../../../../contracts/imports.ts";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { notifyDone } from "../escalations/notify.ts";
import { CredentialsFields, NO_CREDENTIALS } from "./CredentialsFields.tsx";
import { useCancelImport, useImportRun, useResumeImport } from "./importsApi.ts";
import { useImportsText } from "./importsText.ts";
import { RunReport } from "./RunReport.tsx";
import { SyncPanel } from "./SyncPanel.tsx";

export const STATUS_COLOR: Record<ImportStatus, string> = {
  queued: "gray",
  running: "blue",
  done: "teal",
  failed: "red",
  cancelled: "orange",
};

const isLive = (s: ImportStatus) => s === "queued" || s === "running";

/**
 * How far a run is. Zendesk does not say how many records there are, so progress is counted
 * in resources: the ones before the resource being read are read, the rest are not yet.
 */
function resourcesRead(run: ImportRun): number {
  if (run.status === "done") return IMPORT_RESOURCES.length;
  const at = run.resource ? IMPORT_RESOURCES.indexOf(run.resource as (typeof IMPORT_RESOURCES)[number]) : -1;
  return Math.max(at, 0);
}

/** The live view of one run (polled every second while it runs), then its end report. */
export function RunPanel(props: { id: string; onResumed: (run: ImportRun) => void }) {
  const { t, i18n } = useImportsText();
  const query = useImportRun(props.id);
  const run = query.data;
  if (query.error)
    return (
      <Alert color="red" role="alert">
        {query.error.message}
      </Alert>
    );
  if (!run) return null;
  const read = resourcesRead(run);
  const percent = Math.round((read / IMPORT_RESOURCES.length) * 100);
  const host = run.source.replace(/^zendesk:/, "");
  const resourceName = (r: string) => t(`imports.resources.${r}`, { defaultValue: r });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-run-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5" id="import-run-heading">
            {run.dryRun
              ? t("imports.run.dryTitle", { source: host })
              : t("imports.run.title", { source: host })}
          </Title>
          <Badge color={STATUS_COLOR[run.status]} variant="light" data-testid="import-status">
            {t(`imports.run.status.${run.status}`)}
          </Badge>
        </Group>
        <Progress
          value={percent}
          aria-label={t("imports.run.progressLabel")}
          animated={run.status === "running"}
          color={STATUS_COLOR[run.status]}
        />
        {/* Read out as it changes: which resource, how far, how fast, the totals. */}
        <Text size="sm" aria-live="polite" aria-atomic="true" data-testid="import-progress">
          {run.status === "running" && run.resource
            ? `${t("imports.run.reading", { resource: resourceName(run.resource) })} · `
            : ""}
          {t("imports.run.resourcesDone", { done: read, total: IMPORT_RESOURCES.length })}
          {run.recordsPerSecond !== null
            ? ` · ${t("imports.run.rate", { count: run.recordsPerSecond })}`
            : ""}
          {" · "}
          {t("imports.run.summary", run.totals)}
        </Text>
        {run.finishedAt && (
          <Text size="xs" c="dimmed">
            {t("imports.run.finished", { date: formatDateTime(run.finishedAt, i18n.language) })}
          </Text>
        )}
        {run.error && (
          <Alert color="red" role="alert">
            {t("imports.run.error", { message: run.error })}
          </Alert>
        )}
        <Counts run={run} read={read} />
        {isLive(run.status) && <CancelButton id={run.id} />}
        {(run.status === "failed" || run.status === "cancelled") && (
          <ResumeForm id={run.id} onResumed={props.onResumed} />
        )}
        {(run.sync || (run.status === "done" && !run.dryRun)) && <SyncPanel run={run} />}
        {!isLive(run.status) && <RunReport run={run} />}
      </Stack>
    </Paper>
  );
}

function Counts(props: { run: ImportRun; read: number }) {
  const { t } = useImportsText();
  const { run } = props;
  const zero = { created: 0, updated: 0, skipped: 0, failed: 0 };
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={4} data-testid="import-counts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("imports.run.resource")}</Table.Th>
            <Table.Th scope="col">{t("imports.run.state")}</Table.Th>
            <Table.Th scope="col">{t("imports.run.created")}</Table.Th>
            <Table.Th scope="col">{t("imports.run.updated")}</Table.Th>
            <Table.Th scope="col">{t("imports.run.skipped")}</Table.Th>
            <Table.Th scope="col">{t("imports.run.failed")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {IMPORT_RESOURCES.map((r, i) => {
            const c = run.counts[r] ?? zero;
            const state =
              i < props.read ? "read" : i === props.read && run.status === "running" ? "reading" : "pending";
            return (
              <Table.Tr key={r} data-resource={r}>
                <Table.Th scope="row" fw={400}>
                  {t(`imports.resources.${r}`)}
                </Table.Th>
                <Table.Td>{t(`imports.run.states.${state}`)}</Table.Td>
                <Table.Td>{c.created}</Table.Td>
                <Table.Td>{c.updated}</Table.Td>
                <Table.Td>{c.skipped}</Table.Td>
                <Table.Td>{c.failed}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CancelButton(props: { id: string }) {
  const { t } = useImportsText();
  const cancel = useCancelImport();
  return (
    <Group>
      <Button
        variant="default"
        color="red"
        loading={cancel.isPending}
        onClick={() =>
          cancel.mutate(props.id, { onSuccess: () => notifyDone(t, t("imports.run.cancelled")) })
        }
      >
        {t("imports.run.cancel")}
      </Button>
      {cancel.error && (
        <Text c="red" size="sm" role="alert">
          {cancel.error.message}
        </Text>
      )}
    </Group>
  );
}

/** Resuming asks for the credentials again: the server forgot them when the run ended. */
function ResumeForm(props: { id: string; onResumed: (run: ImportRun) => void }) {
  const { t } = useImportsText();
  const resume = useResumeImport();
  const [credentials, setCredentials] = useState(NO_CREDENTIALS);
  const err = resume.error instanceof ApiError ? resume.error : null;
  const fieldError = (f: string) => (err?.field === f ? err.message : undefined);
  return (
    <form
      aria-labelledby="import-resume-heading"
      onSubmit={(ev) => {
        ev.preventDefault();
        resume.mutate(
          { id: props.id, email: credentials.email.trim(), token: credentials.token },
          {
            onSuccess: (run) => {
              setCredentials((c) => ({ ...c, token: "" }));
              notifyDone(t, t("imports.run.resumed"));
              props.onResumed(run);
            },
          },
        );
      }}
    >
      <Stack gap="xs" maw={560}>
        <Title order={3} size="h6" id="import-resume-heading">
          {t("imports.run.resumeTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("imports.run.resumeHint")}
        </Text>
        <CredentialsFields value={credentials} onChange={setCredentials} fieldError={fieldError} />
        {resume.error && !["email", "token"].includes(err?.field ?? "") && (
          <Alert color="red" role="alert">
            {resume.error.message}
          </Alert>
        )}
        <Button type="submit" loading={resume.isPending} w="fit-content">
          {t("imports.run.resume")}
        </Button>
      </Stack>
    </form>
  );
}
