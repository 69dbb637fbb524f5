import { Alert, Badge, Group, Paper, Skeleton, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertCircle, IconMailCheck, IconMailOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { OutgoingMailCard } from "../settings/OutgoingMailCard.tsx";
import { AddressesCard } from "./AddressesCard.tsx";
import { useEmailHealth } from "./emailApi.ts";
import { FailedInboundCard } from "./FailedInboundCard.tsx";
import { FailedOutboundCard } from "./FailedOutboundCard.tsx";
import { HeldMailCard } from "./HeldMailCard.tsx";
import { WARN_TEXT } from "./tone.ts";

/** Whether replies can leave by email (the relay itself is set in OutgoingMailCard). */
function RelayCard(props: { configured: boolean; waiting: number }) {
  const { t } = useTranslation();
  const Icon = props.configured ? IconMailCheck : IconMailOff;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="email-relay-title">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon
          size={44}
          radius="xl"
          variant="light"
          color={props.configured ? "teal" : "orange"}
          aria-hidden
        >
          <Icon size={24} />
        </ThemeIcon>
        <Stack gap={4}>
          <Group gap="sm">
            <Text component="h2" id="email-relay-title" fw={700} size="lg" m={0}>
              {t("email.settings.relayTitle")}
            </Text>
            <Badge
              color={props.configured ? "teal" : "orange"}
              variant="light"
              c={props.configured ? undefined : WARN_TEXT}
            >
              {props.configured ? t("email.settings.relayOn") : t("email.settings.relayOff")}
            </Badge>
          </Group>
          <Text size="sm">
            {props.configured ? t("email.settings.relayOnHint") : t("email.settings.relayOffHint")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("email.settings.outbox", { count: props.waiting })}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

/** Settings → Email: relay, support addresses and the mail that needs an admin's attention. */
export function EmailSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.data?.permissions.includes("workspace.manage") ?? false;
  const health = useEmailHealth(admin);

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <PageTitle>{t("email.settings.title")}</PageTitle>
        <Text c="dimmed">{t("email.settings.intro")}</Text>
      </Stack>
      {!admin ? (
        <Alert color="gray" icon={<IconAlertCircle aria-hidden />}>
          {t("email.settings.adminsOnly")}
        </Alert>
      ) : health.isError ? (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {health.error.message}
        </Alert>
      ) : !health.data ? (
        <Stack gap="lg" aria-busy>
          <Skeleton h={110} radius="lg" />
          <Skeleton h={220} radius="lg" />
        </Stack>
      ) : (
        <>
          <RelayCard configured={health.data.relayConfigured} waiting={health.data.outboxWaiting} />
          <OutgoingMailCard />
          <AddressesCard addresses={health.data.addresses} />
          <FailedInboundCard items={health.data.failedInbound} />
          <HeldMailCard />
          <FailedOutboundCard items={health.data.failedOutbound} />
        </>
      )}
    </Stack>
  );
}
