import { Anchor, Button, Group, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconRefresh } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { emailHealthSchema } from "../../../../contracts/email.ts";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { inboundRawUrl, useRetryInbound } from "./emailApi.ts";
import { HealthCard } from "./HealthCard.tsx";
import { ERROR_TEXT } from "./tone.ts";

type FailedInbound = z.infer<typeof emailHealthSchema>["failedInbound"][number];

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * Mail that arrived but could not become a message. Nothing is thrown away: the admin can
 * download the original to see what went wrong and retry once the cause is fixed.
 */
export function FailedInboundCard(props: { items: FailedInbound[] }) {
  const { t, i18n } = useTranslation();
  const retry = useRetryInbound();
  const run = (id: string) =>
    retry.mutate(id, {
      onSuccess: () =>
        notifications.show({
          closeButtonProps: { "aria-label": t("common.close") },
          message: t("email.settings.retried"),
          color: "teal",
        }),
      onError: (err) =>
        notifications.show({
          closeButtonProps: { "aria-label": t("common.close") },
          message: err instanceof ApiError ? err.message : t("common.genericError"),
          color: "red",
        }),
    });

  return (
    <HealthCard
      titleId="email-failed-in-title"
      title={t("email.settings.failedInboundTitle")}
      intro={t("email.settings.failedInboundIntro")}
      empty={props.items.length === 0 ? t("email.settings.noFailedInbound") : null}
    >
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" aria-labelledby="email-failed-in-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("email.settings.received")}</Table.Th>
              <Table.Th>{t("email.settings.from")}</Table.Th>
              <Table.Th>{t("email.settings.error")}</Table.Th>
              <Table.Th>{t("email.settings.size")}</Table.Th>
              <Table.Th>{t("email.settings.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {formatDateTime(f.receivedAt, i18n.language)}
                </Table.Td>
                <Table.Td c={f.from ? undefined : "dimmed"}>{f.from ?? t("email.unknownAddress")}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={ERROR_TEXT}>
                    {f.error ?? t("email.delivery.unknownReason")}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{kb(f.size)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor size="sm" href={inboundRawUrl(f.id)} download style={{ whiteSpace: "nowrap" }}>
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={14} aria-hidden />
                        {t("email.settings.downloadOriginal")}
                      </Group>
                    </Anchor>
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconRefresh size={14} aria-hidden />}
                      loading={retry.isPending && retry.variables === f.id}
                      onClick={() => run(f.id)}
                    >
                      {t("email.settings.retry")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </HealthCard>
  );
}
