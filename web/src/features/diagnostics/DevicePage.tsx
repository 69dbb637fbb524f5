import {
  Alert,
  Anchor,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import type { Snapshot } from "../../../../contracts/diagnostics.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { KeyValues } from "../customers/CustomerPanel.tsx";
import { useCustomerContext } from "../customers/contextApi.ts";
import { DiffTable } from "./DiffTable.tsx";
import { useDeviceSnapshots, useDiff, useSeries, useSnapshot } from "./diagnosticsApi.ts";
import { formatSeconds, numericPaths } from "./paths.ts";
import { SeriesChart } from "./SeriesChart.tsx";
import { SnapshotButton } from "./SnapshotViewer.tsx";

const newestFirst = (a: Snapshot, b: Snapshot) => Date.parse(b.capturedAt) - Date.parse(a.capturedAt);

function HistoryTable(props: { items: Snapshot[]; picked: string[]; onToggle: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t("diagnostics.historyLabel")} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("diagnostics.columns.pick")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.columns.time")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.columns.source")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.columns.summary")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.columns.masked")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.columns.by")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((s) => {
            const time = formatSeconds(s.capturedAt, i18n.language);
            return (
              <Table.Tr key={s.id} data-snapshot-id={s.id}>
                <Table.Td>
                  <Checkbox
                    checked={props.picked.includes(s.id)}
                    onChange={() => props.onToggle(s.id)}
                    aria-label={t("diagnostics.pickLabel", { time })}
                  />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{time}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text span size="sm">
                      {t(`diagnostics.sources.${s.source}`)}
                    </Text>
                    {s.viaCode && (
                      <Text span size="xs" c="dimmed">
                        {t("diagnostics.viaCode")}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td style={{ wordBreak: "break-word" }}>
                  {s.summary}
                  <SnapshotButton snapshotId={s.id} />
                </Table.Td>
                <Table.Td>
                  {s.maskedPaths.length === 0
                    ? "—"
                    : t("diagnostics.maskedCount", { count: s.maskedPaths.length })}
                </Table.Td>
                <Table.Td>{s.submittedBy?.name ?? "—"}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The diff between the two picked snapshots, or the newest (or the one picked) against its previous. */
function Comparison(props: { items: Snapshot[]; picked: string[] }) {
  const { t, i18n } = useTranslation();
  const pickedItems = props.items.filter((s) => props.picked.includes(s.id)).sort(newestFirst);
  const to = pickedItems[0]?.id ?? props.items[0]?.id;
  const against = pickedItems.length === 2 ? pickedItems[1]?.id : undefined;
  const diff = useDiff(to, against);

  let body: ReactNode;
  if (diff.isPending) body = <Loader size="sm" aria-label={t("common.loading")} />;
  else if (diff.isError)
    body = (
      <Text size="sm" c="dimmed">
        {diff.error instanceof ApiError && diff.error.status === 404
          ? t("diagnostics.noPrevious")
          : t("diagnostics.loadError")}
      </Text>
    );
  else {
    const d = diff.data;
    const from = formatSeconds(d.from.capturedAt, i18n.language);
    const toTime = formatSeconds(d.to.capturedAt, i18n.language);
    body = (
      <Stack gap="xs">
        <Group gap="md">
          <Text size="sm" data-testid="diff-from">
            {t("diagnostics.compareFrom", { time: from })}
          </Text>
          <Text size="sm" aria-hidden>
            →
          </Text>
          <Text size="sm" data-testid="diff-to">
            {t("diagnostics.compareTo", { time: toTime })}
          </Text>
        </Group>
        {d.changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("diagnostics.noChanges")}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t("diagnostics.changeCount", { count: d.changes.length })}
            </Text>
            <DiffTable changes={d.changes} label={t("diagnostics.changesLabel", { from, to: toTime })} />
          </>
        )}
      </Stack>
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="diff-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="diff-heading">
          {t("diagnostics.compareTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("diagnostics.compareHint")}
        </Text>
        {body}
      </Stack>
    </Paper>
  );
}

function ChartCard(props: { deviceId: string; newestId: string }) {
  const { t } = useTranslation();
  const newest = useSnapshot(props.newestId);
  const paths = newest.data ? numericPaths(newest.data.data) : [];
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const path = chosen && paths.includes(chosen) ? chosen : paths[0];
  const series = useSeries(props.deviceId, path);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="chart-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="chart-heading">
          {t("diagnostics.chartTitle")}
        </Title>
        {newest.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : paths.length === 0 || !path ? (
          <Text size="sm" c="dimmed">
            {t("diagnostics.chartNoNumbers")}
          </Text>
        ) : (
          <>
            <NativeSelect
              label={t("diagnostics.chartPath")}
              data={paths}
              value={path}
              onChange={(e) => setChosen(e.currentTarget.value)}
              maw={360}
              ff="monospace"
            />
            {series.data ? (
              <SeriesChart path={path} points={series.data.items} />
            ) : series.isError ? (
              <Text size="sm" c="dimmed">
                {t("diagnostics.loadError")}
              </Text>
            ) : (
              <Loader size="sm" aria-label={t("common.loading")} />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * One device: what it is, whose it is, every diagnostic snapshot it sent, what changed between
 * any two of them and how a number moved over time.
 */
export function DevicePage() {
  const { t } = useTranslation();
  const { deviceId = "" } = useParams();
  const [search] = useSearchParams();
  const history = useDeviceSnapshots(deviceId);
  const items = history.data?.items ?? [];
  const customerId = search.get("customer") ?? items[0]?.customerId;
  const context = useCustomerContext(customerId);
  const device = context.data?.devices.find((d) => d.id === deviceId);
  const serial = device?.serial ?? items[0]?.deviceSerial ?? null;
  const [picked, setPicked] = useState<string[]>([]);

  const toggle = (id: string) =>
    setPicked((prev) => (prev.includes(id) ? prev.filter((p) => p !== id) : [...prev, id].slice(-2)));

  const title = device
    ? t("diagnostics.deviceTitle", { model: device.model })
    : serial
      ? t("diagnostics.deviceFallbackTitle", { serial })
      : t("diagnostics.unknownDevice");

  if (history.isError)
    return (
      <Stack>
        <PageTitle>{t("diagnostics.unknownDevice")}</PageTitle>
        <Alert color="red" role="alert">
          {history.error instanceof ApiError && history.error.status === 404
            ? t("diagnostics.notFound")
            : t("diagnostics.loadError")}
        </Alert>
      </Stack>
    );
  if (history.isPending) return <Loader aria-label={t("common.loading")} />;

  const rows = [
    ...(device ? [{ key: "model", label: t("diagnostics.model"), value: device.model }] : []),
    ...(serial ? [{ key: "serial", label: t("diagnostics.serial"), value: serial }] : []),
    ...(device ? [{ key: "firmware", label: t("diagnostics.firmware"), value: device.firmware ?? "—" }] : []),
  ];

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageTitle>{title}</PageTitle>
        <KeyValues rows={rows} empty="—" />
        {context.data && (
          <Group gap="xs">
            <Text size="sm" c="dimmed" w={110}>
              {t("diagnostics.owner")}
            </Text>
            <Anchor component={Link} to={`/app/customers/${context.data.customer.id}`} size="sm">
              {context.data.customer.name}
            </Anchor>
          </Group>
        )}
      </Stack>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="history-heading">
        <Stack gap="sm">
          <Title order={2} size="h5" id="history-heading">
            {t("diagnostics.history")}
          </Title>
          {items.length === 0 ? (
            <Text c="dimmed">{t("diagnostics.noSnapshots")}</Text>
          ) : (
            <HistoryTable items={items} picked={picked} onToggle={toggle} />
          )}
        </Stack>
      </Paper>
      {items.length > 0 && <Comparison items={items} picked={picked} />}
      {items[0] && <ChartCard deviceId={deviceId} newestId={items[0].id} />}
    </Stack>
  );
}
