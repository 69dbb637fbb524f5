import { Badge, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { emailHealthSchema } from "../../../../contracts/email.ts";
import { relativeTime } from "../inbox/waiting.ts";
import { ERROR_TEXT } from "./tone.ts";

type Imap = NonNullable<z.infer<typeof emailHealthSchema>["addresses"][number]["imap"]>;

/** One address's mailbox at a glance: where it is, whether it is polled, and how the last poll went. */
export function ImapStatus(props: { imap: Imap | null | undefined }) {
  const { t, i18n } = useTranslation();
  const imap = props.imap;
  if (!imap)
    return (
      <Text size="sm" c="dimmed">
        {t("email.imap.notConnected")}
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t("email.imap.where", { user: imap.user, host: imap.host, mailbox: imap.mailbox })}{" "}
        {!imap.enabled && (
          <Badge color="gray" variant="light" size="sm">
            {t("email.imap.paused")}
          </Badge>
        )}
      </Text>
      {imap.lastError ? (
        <Text size="sm" c={ERROR_TEXT} role="status">
          {t("email.imap.lastFailed", { error: imap.lastError })}
        </Text>
      ) : imap.lastPolledAt ? (
        <Text size="sm" c="dimmed">
          {t("email.imap.lastPolled", {
            when: relativeTime(imap.lastPolledAt, i18n.language),
            count: imap.lastStored ?? 0,
            fetched: imap.lastFetched ?? 0,
          })}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t("email.imap.neverPolled")}
        </Text>
      )}
    </Stack>
  );
}
