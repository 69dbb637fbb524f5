import { Badge, Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { ImportForm } from "./ImportForm.tsx";
import { useImportRuns } from "./importsApi.ts";
import { useImportsText } from "./importsText.ts";
import { RunPanel, STATUS_COLOR } from "./RunPanel.tsx";

/**
 * Settings → Import: start an import from Zendesk, watch it, read its report, cancel or
 * resume it, and the history of runs. The shown run is the one just started or picked from
 * the history, else the newest.
 */
export function ImportPage() {
  const { t } = useImportsText();
  const runs = useImportRuns();
  const [picked, setPicked] = useState<string | null>(null);
  const shown = picked ?? runs.data?.items[0]?.id ?? null;
  return (
    <Stack gap="lg" maw={1000}>
      <PageTitle>{t("imports.title")}</PageTitle>
      <Text size="sm">{t("imports.intro")}</Text>
      <ImportForm onStarted={(run) => setPicked(run.id)} />
      {shown && <RunPanel key={shown} id={shown} onResumed={(run) => setPicked(run.id)} />}
      <History shown={shown} onPick={setPicked} />
    </Stack>
  );
}

function History(props: { shown: string | null; onPick: (id: string) => void }) {
  const { t, i18n } = useImportsText();
  const runs = useImportRuns();
  const items = runs.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-history-heading">
      <Title order={2} size="h5" id="import-history-heading" mb="sm">
        {t("imports.history.title")}
      </Title>
      {runs.error && (
        <Text c="red" role="alert">
          {runs.error.message}
        </Text>
      )}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {runs.isPending ? "…" : t("imports.history.none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} data-testid="import-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("imports.history.when")}</Table.Th>
                <Table.Th scope="col">{t("imports.history.account")}</Table.Th>
                <Table.Th scope="col">{t("imports.history.kind")}</Table.Th>
                <Table.Th scope="col">{t("imports.history.status")}</Table.Th>
                <Table.Th scope="col">{t("imports.history.records")}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t("imports.history.open")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => {
                const when = formatDateTime(r.createdAt, i18n.language);
                const source = r.source.replace(/^zendesk:/, "");
                return (
                  <Table.Tr key={r.id} aria-current={r.id === props.shown ? "true" : undefined}>
                    <Table.Td>{when}</Table.Td>
                    <Table.Td>{source}</Table.Td>
                    <Table.Td>{r.dryRun ? t("imports.history.dry") : t("imports.history.full")}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLOR[r.status]}>
                        {t(`imports.run.status.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.totals.created + r.totals.updated}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => props.onPick(r.id)}
                        aria-label={t("imports.history.openLabel", { source, date: when })}
                      >
                        {t("imports.history.open")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
