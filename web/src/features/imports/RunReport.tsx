import { Badge, Button, Stack, Table, Text, Title } from "@mantine/core";
import type { ImportRun } from "../../../../contracts/imports.ts";
import { useImportSkips } from "./importsApi.ts";
import { useImportsText } from "./importsText.ts";

/** The end of a run: for a dry run, what will not map; for every run, the skipped records. */
export function RunReport(props: { run: ImportRun }) {
  return (
    <Stack gap="sm">
      {props.run.dryRun && <DryRunReport run={props.run} />}
      <Skips id={props.run.id} />
    </Stack>
  );
}

function DryRunReport(props: { run: ImportRun }) {
  const { t } = useImportsText();
  const reasons = Object.entries(props.run.report).sort((a, b) => b[1].count - a[1].count);
  return (
    <Stack gap={4} component="section" aria-labelledby="import-report-heading">
      <Title order={3} size="h6" id="import-report-heading">
        {t("imports.report.title")}
      </Title>
      {reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("imports.report.none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} data-testid="import-report">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("imports.report.reason")}</Table.Th>
                <Table.Th scope="col">{t("imports.report.count")}</Table.Th>
                <Table.Th scope="col">{t("imports.report.examples")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reasons.map(([reason, r]) => (
                <Table.Tr key={reason}>
                  <Table.Td>{reason}</Table.Td>
                  <Table.Td>{r.count}</Table.Td>
                  <Table.Td>{r.examples.join(", ")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Skips(props: { id: string }) {
  const { t } = useImportsText();
  const skips = useImportSkips(props.id);
  const items = skips.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap={4} component="section" aria-labelledby="import-skips-heading">
      <Title order={3} size="h6" id="import-skips-heading">
        {t("imports.skips.title")}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {skips.isPending ? "…" : t("imports.skips.none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} data-testid="import-skips">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("imports.run.resource")}</Table.Th>
                <Table.Th scope="col">{t("imports.skips.externalId")}</Table.Th>
                <Table.Th scope="col">{t("imports.skips.outcome")}</Table.Th>
                <Table.Th scope="col">{t("imports.skips.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{t(`imports.resources.${s.resource}`, { defaultValue: s.resource })}</Table.Td>
                  <Table.Td>{s.externalId}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.outcome === "failed" ? "red" : "gray"}>
                      {t(`imports.skips.outcomes.${s.outcome}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{s.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {skips.hasNextPage && (
        <Button
          variant="subtle"
          w="fit-content"
          loading={skips.isFetchingNextPage}
          onClick={() => void skips.fetchNextPage()}
        >
          {t("imports.skips.more")}
        </Button>
      )}
    </Stack>
  );
}
