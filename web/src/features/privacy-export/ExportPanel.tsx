import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconFileZip } from "@tabler/icons-react";
import type { CustomerExport } from "../../../../contracts/customer-export.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { type ExportTarget, useExports, useStartExport } from "./exportApi.ts";
import { useExportText } from "./exportText.ts";

const COLORS: Record<CustomerExport["status"], string> = {
  // The darkest shades: the light badge's text on its tint must pass WCAG AA contrast.
  queued: "gray.8",
  running: "blue.9",
  ready: "green.9",
  failed: "red.9",
  expired: "gray.8",
};

const size = (bytes: number | null) =>
  bytes === null
    ? ""
    : bytes < 1024 * 1024
      ? `${Math.max(1, Math.round(bytes / 1024))} kB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/**
 * The GDPR export panel: a button that starts an export, and the recent exports with their
 * status (polled while one is prepared) and the download link while it lasts.
 */
export function ExportPanel(props: { target: ExportTarget }) {
  const { t, i18n } = useExportText();
  const exports = useExports(props.target);
  const start = useStartExport(props.target);
  const portal = props.target.kind === "portal";
  const items = exports.data?.items ?? [];
  const busy = items.some((e) => e.status === "queued" || e.status === "running");
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="data-export-heading">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h5" id="data-export-heading">
            {t(portal ? "dataExport.portalTitle" : "dataExport.staffTitle")}
          </Title>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileZip size={14} aria-hidden />}
            loading={start.isPending}
            disabled={busy}
            onClick={() => start.mutate()}
          >
            {t(portal ? "dataExport.startPortal" : "dataExport.start")}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t(portal ? "dataExport.portalIntro" : "dataExport.staffIntro")}
        </Text>
        {start.isError && (
          <Alert color="red" role="alert">
            {t("dataExport.error", { message: start.error.message })}
          </Alert>
        )}
        {items.length > 0 && (
          <Stack
            component="ul"
            gap="xs"
            aria-label={t("dataExport.listLabel")}
            style={{ listStyle: "none", margin: 0, padding: 0 }}
          >
            {items.slice(0, 5).map((e) => {
              const when = formatDateTime(e.createdAt, i18n.language);
              return (
                <Group component="li" key={e.id} gap="sm" wrap="wrap" data-testid="data-export">
                  <Badge color={COLORS[e.status]} variant="light" radius="sm" tt="none" fw={600}>
                    {t(`dataExport.status.${e.status}`)}
                  </Badge>
                  <Text size="sm">{t("dataExport.requested", { when })}</Text>
                  {e.downloadUrl && (
                    <>
                      <Anchor
                        href={e.downloadUrl}
                        download
                        size="sm"
                        aria-label={t("dataExport.downloadLabel", { when, size: size(e.sizeBytes) })}
                      >
                        <Group gap={4} component="span">
                          <IconDownload size={14} aria-hidden />
                          {t("dataExport.download")}
                        </Group>
                      </Anchor>
                      {e.expiresAt && (
                        <Text size="xs" c="dimmed">
                          {t("dataExport.expires", { when: formatDateTime(e.expiresAt, i18n.language) })}
                        </Text>
                      )}
                    </>
                  )}
                </Group>
              );
            })}
          </Stack>
        )}
        {exports.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("dataExport.none")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
