import { Alert, Text } from "@mantine/core";
import { IconMailOff } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { emailStatusKey, useEmailStatus } from "./emailApi.ts";
import { WARN_TEXT } from "./tone.ts";

/**
 * Tells staff that replies cannot leave by email yet. Without it an agent would believe the
 * customer got an answer that actually sits in the outbox until SMTP_URL is configured.
 */
export function OutboxBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useEmailStatus();
  // A new reply (or a delivery changing) may change the count: recount on those events.
  useRealtimeEvent((event) => {
    if (event.type === "case.updated" || event.type === "message.added")
      void queryClient.invalidateQueries({ queryKey: emailStatusKey });
  });
  if (!status.data || status.data.relayConfigured) return null;
  const waiting = status.data.outboxWaiting;
  return (
    // role="status", not "alert": it is standing information, announced politely on change.
    <Alert
      role="status"
      aria-live="polite"
      color="orange"
      variant="light"
      radius="md"
      mb="md"
      icon={<IconMailOff size={18} aria-hidden />}
      title={t("email.banner.title")}
      styles={{ title: { color: WARN_TEXT } }}
      data-outbox-banner
    >
      <Text size="sm">
        {waiting > 0 ? t("email.banner.waiting", { count: waiting }) : t("email.banner.none")}
      </Text>
    </Alert>
  );
}
