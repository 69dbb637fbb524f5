import { Alert, Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { RetentionPolicy } from "../../../../contracts/privacy.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import {
  useLegalHolds,
  useReleaseHold,
  useRetentionPolicy,
  useRetentionRuns,
  useRunRetention,
  useSaveRetentionPolicy,
} from "./privacyApi.ts";
import { usePrivacyText } from "./privacyText.ts";

/** Settings → Data retention: the retention policy, its runs, and the active legal holds. */
export function DataRetentionPage() {
  const { t } = usePrivacyText();
  return (
    <Stack gap="lg">
      <PageTitle>{t("privacy.page.title")}</PageTitle>
      <Text c="dimmed" size="sm">
        {t("privacy.page.intro")}
      </Text>
      <PolicyForm />
      <Runs />
      <Holds />
    </Stack>
  );
}

const FIELDS = ["closedCaseDays", "rawEmailDays", "snapshotDays"] as const;

function PolicyForm() {
  const { t } = usePrivacyText();
  const policy = useRetentionPolicy();
  const save = useSaveRetentionPolicy();
  const run = useRunRetention();
  const [draft, setDraft] = useState<RetentionPolicy | null>(null);
  useEffect(() => {
    if (policy.data) setDraft(policy.data);
  }, [policy.data]);
  if (policy.error)
    return <Alert color="red">{t("privacy.page.loadError", { message: policy.error.message })}</Alert>;
  if (!draft) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <Stack>
          {FIELDS.map((f) => (
            <NumberInput
              key={f}
              label={t(`privacy.page.${f}`)}
              value={draft[f] ?? ""}
              min={1}
              max={36500}
              allowDecimal={false}
              onChange={(v) => setDraft({ ...draft, [f]: typeof v === "number" ? v : null })}
            />
          ))}
          {save.error && (
            <Alert color="red" role="alert">
              {save.error.message}
            </Alert>
          )}
          {save.isSuccess && <Text size="sm">{t("privacy.page.saved")}</Text>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("privacy.page.save")}
            </Button>
            <Button variant="default" loading={run.isPending} onClick={() => run.mutate()}>
              {t("privacy.page.runNow")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Runs() {
  const { t } = usePrivacyText();
  const runs = useRetentionRuns();
  const items = runs.data?.items ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="runs-heading">
      <Title order={2} size="h5" id="runs-heading" mb="sm">
        {t("privacy.page.runs")}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("privacy.page.noRuns")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table data-testid="retention-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("privacy.page.started")}</Table.Th>
                <Table.Th>{t("privacy.page.trigger")}</Table.Th>
                <Table.Th>{t("privacy.page.cases")}</Table.Th>
                <Table.Th>{t("privacy.page.files")}</Table.Th>
                <Table.Th>{t("privacy.page.emails")}</Table.Th>
                <Table.Th>{t("privacy.page.snapshots")}</Table.Th>
                <Table.Th>{t("privacy.page.held")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{new Date(r.startedAt).toLocaleString()}</Table.Td>
                  <Table.Td>{t(`privacy.page.triggers.${r.trigger}`)}</Table.Td>
                  <Table.Td>{r.casesDeleted}</Table.Td>
                  <Table.Td>{r.filesDeleted}</Table.Td>
                  <Table.Td>{r.rawEmailsDeleted}</Table.Td>
                  <Table.Td>{r.snapshotsDeleted}</Table.Td>
                  <Table.Td>{r.heldSkipped}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function Holds() {
  const { t } = usePrivacyText();
  const holds = useLegalHolds();
  const release = useReleaseHold();
  const items = holds.data?.items ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="holds-heading">
      <Title order={2} size="h5" id="holds-heading" mb="sm">
        {t("privacy.page.holds")}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("privacy.page.noHolds")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("privacy.page.subject")}</Table.Th>
                <Table.Th>{t("privacy.page.reason")}</Table.Th>
                <Table.Th>{t("privacy.page.placedBy")}</Table.Th>
                <Table.Th>{t("privacy.page.placedAt")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>
                    {h.customerId ? (
                      <Link to={`/app/customers/${h.customerId}`}>{h.subject}</Link>
                    ) : (
                      <Link to={`/app/cases/${h.caseId}`}>{h.subject}</Link>
                    )}
                  </Table.Td>
                  <Table.Td>{h.reason}</Table.Td>
                  <Table.Td>{h.placedByName}</Table.Td>
                  <Table.Td>{new Date(h.placedAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      loading={release.isPending && release.variables === h.id}
                      onClick={() => release.mutate(h.id)}
                      aria-label={`${t("privacy.hold.release")}: ${h.subject}`}
                    >
                      {t("privacy.hold.release")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
