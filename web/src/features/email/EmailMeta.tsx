import { Alert, Anchor, Badge, Group, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconClock, IconDownload, IconMail, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Message } from "../../../../contracts/cases.ts";
import { useEmailStatus } from "./emailApi.ts";
import { WARN_TEXT } from "./tone.ts";

type Email = NonNullable<Message["email"]>;

/**
 * Where a reply stands on its way out: queued for want of a relay, sending, sent, or failed and
 * why. The case page refetches on case.updated, so the badge moves on while the agent watches.
 */
export function DeliveryBadge(props: { email: Email }) {
  const { t } = useTranslation();
  const { deliveryStatus: status, deliveryError: error } = props.email;
  const relay = useEmailStatus();
  if (!status) return null;
  if (status === "sent")
    return (
      <Badge size="sm" color="teal" variant="light" leftSection={<IconCheck size={11} aria-hidden />}>
        {t("email.delivery.sent")}
      </Badge>
    );
  if (status === "queued") {
    // Queued means two different things: waiting for a relay to exist, or about to leave.
    const sending = relay.data?.relayConfigured ?? false;
    return (
      <Tooltip label={t(sending ? "email.delivery.sendingHint" : "email.delivery.queuedHint")}>
        <Badge
          size="sm"
          color="gray"
          variant="light"
          leftSection={<IconClock size={11} aria-hidden />}
          style={{ textTransform: "none" }}
        >
          {t(sending ? "email.delivery.sending" : "email.delivery.queued")}
        </Badge>
      </Tooltip>
    );
  }
  // Failed: the reason is the point, so it is spelled out rather than hidden in a tooltip.
  return (
    <Badge
      size="sm"
      color="red"
      variant="light"
      leftSection={<IconX size={11} aria-hidden />}
      style={{ textTransform: "none", maxWidth: "100%" }}
    >
      {t("email.delivery.failed", { reason: error ?? t("email.delivery.unknownReason") })}
    </Badge>
  );
}

/** "by email from …", the original's download and, for outgoing replies, delivery status. */
export function EmailMeta(props: { message: Message }) {
  const { t } = useTranslation();
  const email = props.message.email;
  if (!email) return null;
  const from = email.from;
  if (!from && !email.hasRaw && !email.deliveryStatus) return null;
  return (
    <Group gap="xs" justify="space-between" wrap="wrap">
      <Group gap={6} wrap="nowrap">
        {from && (
          <>
            <IconMail size={14} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed">
              {t("email.byEmailFrom", { address: from })}
            </Text>
          </>
        )}
        <DeliveryBadge email={email} />
      </Group>
      {email.hasRaw && (
        <Anchor size="xs" href={`/api/v1/messages/${props.message.id}/raw`} download>
          <Group gap={4} wrap="nowrap">
            <IconDownload size={12} aria-hidden />
            {t("email.viewOriginal")}
          </Group>
        </Anchor>
      )}
    </Group>
  );
}

/** The warning on mail from someone who is not the case's customer (a colleague on CC, say). */
export function UnknownSenderAlert(props: { message: Message }) {
  const { t } = useTranslation();
  const email = props.message.email;
  if (email?.flagged !== "unknown_sender") return null;
  return (
    <Alert
      color="orange"
      variant="light"
      p="xs"
      icon={<IconAlertTriangle size={16} aria-hidden />}
      styles={{ wrapper: { alignItems: "center" } }}
    >
      <Text size="sm" fw={600} c={WARN_TEXT}>
        {t("email.unknownSender", { address: email.from ?? t("email.unknownAddress") })}
      </Text>
    </Alert>
  );
}
