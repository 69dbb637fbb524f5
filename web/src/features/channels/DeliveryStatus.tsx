import { Badge, Button, Group } from "@mantine/core";
import { IconCheck, IconClock, IconX } from "@tabler/icons-react";
import { useCaseDeliveries, useRetryDelivery } from "./channelsApi.ts";
import { useChannelsText } from "./channelsText.ts";

/**
 * Where a reply on a channel thread stands, beside the reply as the email delivery badge is:
 * sending, sent, or not delivered and why, with a retry button for a failed one.
 */
export function DeliveryStatus(props: { caseId: string; messageId: string }) {
  const { t } = useChannelsText();
  const deliveries = useCaseDeliveries(props.caseId);
  const retry = useRetryDelivery(props.caseId);
  const d = deliveries.data?.items.find((x) => x.messageId === props.messageId);
  if (!d) return null;
  if (d.status === "sent")
    return (
      <Badge
        size="sm"
        color="teal"
        variant="light"
        leftSection={<IconCheck size={11} aria-hidden />}
        data-delivery="sent"
      >
        {t("channelDelivery.sent")}
      </Badge>
    );
  if (d.status === "queued")
    return (
      <Badge
        size="sm"
        color="gray"
        variant="light"
        leftSection={<IconClock size={11} aria-hidden />}
        style={{ textTransform: "none" }}
        data-delivery="queued"
      >
        {t("channelDelivery.queued")}
      </Badge>
    );
  return (
    <Group gap="xs" wrap="wrap">
      <Badge
        size="sm"
        color="red"
        variant="light"
        leftSection={<IconX size={11} aria-hidden />}
        style={{ textTransform: "none", maxWidth: "100%" }}
        data-delivery="failed"
      >
        {t("channelDelivery.failed", { reason: d.lastError ?? t("channelDelivery.unknownReason") })}
      </Badge>
      <Button
        size="compact-xs"
        variant="light"
        loading={retry.isPending}
        onClick={() => retry.mutate(d.messageId)}
      >
        {t("channelDelivery.retry")}
      </Button>
    </Group>
  );
}
