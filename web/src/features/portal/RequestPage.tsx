import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertCircle, IconArrowLeft, IconInfoCircle, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { PortalProblems } from "../problems/PortalProblems.tsx";
import { PortalAgentSlot } from "../profiles/slots.tsx";
import { ExpectedReply } from "../sla/ExpectedReply.tsx";
import { PortalSurveySlot } from "../surveys/slots.tsx";
import { Conversation } from "./Conversation.tsx";
import { PortalDiagnosticCode } from "./PortalDiagnosticCode.tsx";
import { useRequest, useRequestMessages } from "./portalApi.ts";
import { ReplyBox } from "./ReplyBox.tsx";
import { RequestStatusBadge } from "./RequestStatusBadge.tsx";
import { requestStatus } from "./requestStatus.ts";

function ClosedNotice() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p="lg" role="status">
      <Stack gap="sm" align="flex-start">
        <Text fw={700}>{t("portal.request.closedTitle")}</Text>
        <Text size="sm" c="dimmed">
          {t("portal.request.closedBody")}
        </Text>
        <Button component={Link} to="/portal/requests/new" leftSection={<IconPlus size={18} aria-hidden />}>
          {t("portal.request.openNew")}
        </Button>
      </Stack>
    </Paper>
  );
}

/** One request: where it stands in plain words, the conversation, and the reply box. */
export function RequestPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const request = useRequest(id);
  const messages = useRequestMessages(id);
  const back = (
    <Anchor component={Link} to="/portal" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {t("portal.back")}
      </Group>
    </Anchor>
  );

  if (request.isPending) {
    return (
      <Stack gap="lg">
        {back}
        <Skeleton h={36} w="60%" />
        <Skeleton h={200} radius="lg" />
      </Stack>
    );
  }
  if (request.isError) {
    return (
      <Stack gap="lg">
        {back}
        <PageTitle>{t("portal.title")}</PageTitle>
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {t("portal.request.loadError")}
        </Alert>
      </Stack>
    );
  }

  const r = request.data;
  const state = requestStatus[r.status].key;
  return (
    <Stack gap="lg">
      {back}
      <Stack gap="xs">
        <Group gap="sm">
          <Text c="dimmed" fw={600}>
            {t("portal.number", { number: r.number })}
          </Text>
          <RequestStatusBadge status={r.status} size="lg" />
        </Group>
        <PageTitle>{r.subject}</PageTitle>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color={requestStatus[r.status].color} size={24} radius="xl" aria-hidden>
            <IconInfoCircle size={16} />
          </ThemeIcon>
          <Text size="sm">{t(`portal.statusHint.${state}`)}</Text>
        </Group>
        {state !== "closed" && <ExpectedReply caseId={r.id} />}
      </Stack>
      <PortalAgentSlot caseId={r.id} />
      <PortalProblems caseId={r.id} />
      <PortalSurveySlot caseId={r.id} solved={r.status === "solved" || r.status === "closed"} />
      {messages.isError && (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {messages.error.message}
        </Alert>
      )}
      {messages.isPending ? (
        <Skeleton h={160} radius="lg" />
      ) : (
        <Conversation messages={messages.data?.items ?? []} />
      )}
      {state === "closed" ? (
        <ClosedNotice />
      ) : (
        <>
          <ReplyBox caseId={r.id} onClosed={() => void request.refetch()} />
          <PortalDiagnosticCode caseId={r.id} />
        </>
      )}
      <Text size="xs" c="dimmed" ta="center">
        {t("portal.request.live")}
      </Text>
    </Stack>
  );
}
