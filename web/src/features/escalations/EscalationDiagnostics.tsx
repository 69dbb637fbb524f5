import { Alert, List, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { type Snapshot, snapshotPageSchema } from "../../../../contracts/diagnostics.ts";
import { apiParsed } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { DiffTable } from "../diagnostics/DiffTable.tsx";
import { useDiff } from "../diagnostics/diagnosticsApi.ts";
import { SnapshotButton, SnapshotViewer } from "../diagnostics/SnapshotViewer.tsx";

/** One device's snapshots on the case: what changed between the last two, each one whole on demand. */
function DeviceDiff(props: { snapshots: Snapshot[] }) {
  const { t, i18n } = useTranslation();
  const [latest, previous] = props.snapshots; // newest first
  const diff = useDiff(previous ? latest?.id : undefined, previous?.id);
  const serial = latest?.deviceSerial;
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Stack gap="xs" data-device-serial={serial ?? ""}>
      <Title order={3} size="h5">
        {serial ? t("escalations.deviceLabel", { serial }) : t("escalations.noDevice")}{" "}
        <Text span size="sm" c="dimmed" fw={400}>
          ({t("escalations.snapshotCount", { count: props.snapshots.length })})
        </Text>
      </Title>
      {latest && !previous ? (
        // Nothing to compare with: the one snapshot itself is the record the engineer needs.
        <SnapshotViewer snapshotId={latest.id} />
      ) : !previous || !latest ? null : diff.isPending ? (
        <Loader size="sm" aria-label={t("common.loading")} />
      ) : diff.isError ? (
        <Alert color="red">{diff.error.message}</Alert>
      ) : diff.data.changes.length === 0 ? (
        <Text size="sm">{t("diagnostics.noChanges")}</Text>
      ) : (
        <>
          <Text size="sm">
            {t("escalations.lastTwo", { from: time(previous.capturedAt), to: time(latest.capturedAt) })}
          </Text>
          <DiffTable
            changes={diff.data.changes}
            label={t("diagnostics.changesLabel", {
              from: time(previous.capturedAt),
              to: time(latest.capturedAt),
            })}
          />
        </>
      )}
      {previous && (
        <List size="sm" spacing={2} aria-label={t("escalations.snapshotList", { serial: serial ?? "" })}>
          {props.snapshots.map((s) => (
            <List.Item key={s.id} data-snapshot-id={s.id}>
              {time(s.capturedAt)} · {s.summary} <SnapshotButton snapshotId={s.id} />
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** The case's snapshots grouped by device, each with the diff between its last two (reuses the diagnostics diff). */
export function EscalationDiagnostics(props: { caseId: string }) {
  const { t } = useTranslation();
  const snapshots = useQuery({
    queryKey: ["case-diagnostics", props.caseId],
    queryFn: () => apiParsed(snapshotPageSchema, `/api/v1/cases/${props.caseId}/diagnostics?limit=100`),
  });
  const byDevice = new Map<string, Snapshot[]>();
  for (const s of snapshots.data?.items ?? []) {
    const key = s.deviceId ?? "none";
    byDevice.set(key, [...(byDevice.get(key) ?? []), s]);
  }
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="esc-snapshots">
      <Stack gap="md">
        <Title order={2} size="h4" id="esc-snapshots">
          {t("escalations.snapshots")}
        </Title>
        {snapshots.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : byDevice.size === 0 ? (
          <Text size="sm" c="dimmed">
            {t("escalations.noSnapshots")}
          </Text>
        ) : (
          [...byDevice.entries()].map(([key, list]) => <DeviceDiff key={key} snapshots={list} />)
        )}
      </Stack>
    </Paper>
  );
}
