import { Alert, Anchor, Button, Center, Grid, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconHandGrab } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { Escalation } from "../../../../contracts/escalations.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { useCaseTimeline } from "../cases/casesApi.ts";
import { TimelineList } from "../customers/TimelineList.tsx";
import { EscalationDiagnostics } from "./EscalationDiagnostics.tsx";
import { EscalationStatusBadge } from "./EscalationStatusBadge.tsx";
import { FindingsCard, NotesCard, TasksCard } from "./EscalationWorkCards.tsx";
import { exportHref, useClaim, useCloseEscalation, useEscalation } from "./escalationsApi.ts";
import { notifyDone } from "./notify.ts";
import { PlaybookRunsCard } from "./PlaybookRunsCard.tsx";

/**
 * One escalation, the whole record read-only (timeline, snapshots and their diffs, playbook
 * runs), and what engineers do with it: claim, notes, diagnostic tasks, findings.
 */
export function EscalationPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const found = useEscalation(id);

  if (found.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  if (!found.data)
    return (
      <Alert color="red" title={t("escalations.notFound")}>
        <Anchor component={Link} to="/app/escalations">
          {t("escalations.backToQueue")}
        </Anchor>
      </Alert>
    );
  return <EscalationRecord e={found.data} />;
}

/** The loaded escalation: the case's queries start only once its id is known (no `/cases//…`). */
function EscalationRecord({ e }: { e: Escalation }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const timeline = useCaseTimeline(e.caseId);
  const claim = useClaim(e.id);
  const close = useCloseEscalation(e.id, e.caseId);
  const permissions = me.data?.permissions ?? [];
  const canWork = permissions.includes("escalations.work");
  const canAgent = permissions.includes("cases.work");
  const isClosed = e.status === "closed";
  const cards = { escalation: e, canWork, canCompleteTasks: canAgent };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <PageTitle>{t("escalations.title", { number: e.caseNumber })}</PageTitle>
          <EscalationStatusBadge status={e.status} />
        </Group>
        <Text size="sm">
          <Anchor component={Link} to={`/app/cases/${e.caseId}`}>
            {t("escalations.caseRef", { number: e.caseNumber, subject: e.caseSubject })}
          </Anchor>
          {" · "}
          {t("escalations.customer")}:{" "}
          <Anchor component={Link} to={`/app/customers/${e.customer.id}`}>
            {e.customer.name}
          </Anchor>
        </Text>
        <Text size="sm" c="dimmed">
          {t("escalations.escalatedBy", {
            name: e.createdBy.name,
            time: formatDateTime(e.createdAt, i18n.language),
          })}
          {" · "}
          {t("escalations.engineer")}: {e.assignee?.name ?? t("escalations.unassigned")}
        </Text>
      </Stack>

      <Group gap="sm">
        {canWork && !isClosed && !e.assignee && (
          <Button
            leftSection={<IconHandGrab size={16} aria-hidden />}
            loading={claim.isPending}
            onClick={() =>
              claim.mutate(undefined, { onSuccess: () => notifyDone(t, t("escalations.claimed")) })
            }
          >
            {t("escalations.claim")}
          </Button>
        )}
        <Button
          component="a"
          href={exportHref(e.id)}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t("escalations.export")}
        </Button>
        {!isClosed && (canWork || canAgent) && (
          <Button
            variant="subtle"
            color="gray"
            loading={close.isPending}
            onClick={() =>
              close.mutate(undefined, { onSuccess: () => notifyDone(t, t("escalations.closedDone")) })
            }
          >
            {t("escalations.close")}
          </Button>
        )}
      </Group>
      {(claim.error || close.error) && <Alert color="red">{(claim.error ?? close.error)?.message}</Alert>}

      {/* Full width: the side-by-side diff needs the room. */}
      <EscalationDiagnostics caseId={e.caseId} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="esc-question">
              <Stack gap="xs">
                <Title order={2} size="h4" id="esc-question">
                  {t("escalations.question")}
                </Title>
                <Text fw={600} style={{ whiteSpace: "pre-wrap" }}>
                  {e.question}
                </Text>
                <Title order={3} size="h5">
                  {t("escalations.summary")}
                </Title>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {e.summary}
                </Text>
              </Stack>
            </Paper>
            <PlaybookRunsCard caseId={e.caseId} timeline={timeline.data?.items ?? []} />
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="esc-timeline">
              <Stack gap="sm">
                <Title order={2} size="h4" id="esc-timeline">
                  {t("escalations.timeline")}
                </Title>
                {timeline.isPending ? (
                  <Loader size="sm" aria-label={t("common.loading")} />
                ) : (
                  <TimelineList events={timeline.data?.items ?? []} />
                )}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <FindingsCard {...cards} />
            <TasksCard {...cards} />
            <NotesCard {...cards} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
