import { Anchor, Button, Group, Skeleton, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconInboxOff, IconTicket } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { inboundRawUrl, useDismissHeld, useHeldMail, usePromoteHeld } from "./emailApi.ts";
import { HealthCard } from "./HealthCard.tsx";

/**
 * Bulk and list mail (newsletters, notifications) kept out of the inbox. Nothing received is
 * invisible: the admin reads the original, promotes a real request to a case, or dismisses it.
 */
export function HeldMailCard() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const held = useHeldMail();
  const promote = usePromoteHeld();
  const dismiss = useDismissHeld();
  const items = held.data?.pages.flatMap((p) => p.items) ?? [];
  const fail = (err: Error) =>
    notifications.show({
      closeButtonProps: { "aria-label": t("common.close") },
      message: err instanceof ApiError ? err.message : t("common.genericError"),
      color: "red",
    });
  const toCase = (id: string) =>
    promote.mutate(id, {
      onSuccess: (res) => {
        notifications.show({
          closeButtonProps: { "aria-label": t("common.close") },
          message: t("email.settings.promoted"),
          color: "teal",
        });
        if (res.caseId) navigate(`/app/cases/${res.caseId}`);
      },
      onError: fail,
    });
  const drop = (id: string) =>
    dismiss.mutate(id, {
      onSuccess: () =>
        notifications.show({
          closeButtonProps: { "aria-label": t("common.close") },
          message: t("email.settings.dismissed"),
          color: "teal",
        }),
      onError: fail,
    });

  if (held.isPending) return <Skeleton h={160} radius="lg" />;
  return (
    <HealthCard
      titleId="email-held-title"
      title={t("email.settings.heldTitle")}
      intro={t("email.settings.heldIntro")}
      empty={held.isError ? null : items.length === 0 ? t("email.settings.noHeld") : null}
    >
      {held.isError ? (
        <Text size="sm" role="alert">
          {held.error.message}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-labelledby="email-held-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("email.settings.received")}</Table.Th>
                  <Table.Th>{t("email.settings.from")}</Table.Th>
                  <Table.Th>{t("email.settings.subject")}</Table.Th>
                  <Table.Th>{t("email.settings.reason")}</Table.Th>
                  <Table.Th>{t("email.settings.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => {
                  const subject = m.subject ?? "";
                  return (
                    <Table.Tr key={m.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {formatDateTime(m.receivedAt, i18n.language)}
                      </Table.Td>
                      <Table.Td c={m.from ? undefined : "dimmed"}>
                        {m.from ?? t("email.unknownAddress")}
                      </Table.Td>
                      <Table.Td>{subject}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {m.reason}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Anchor
                            size="sm"
                            href={inboundRawUrl(m.id)}
                            download
                            style={{ whiteSpace: "nowrap" }}
                          >
                            <Group gap={4} wrap="nowrap">
                              <IconDownload size={14} aria-hidden />
                              {t("email.settings.downloadOriginal")}
                            </Group>
                          </Anchor>
                          <Button
                            size="compact-sm"
                            variant="light"
                            leftSection={<IconTicket size={14} aria-hidden />}
                            aria-label={t("email.settings.promoteSubject", { subject })}
                            loading={promote.isPending && promote.variables === m.id}
                            onClick={() => toCase(m.id)}
                          >
                            {t("email.settings.promote")}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="gray"
                            leftSection={<IconInboxOff size={14} aria-hidden />}
                            aria-label={t("email.settings.dismissSubject", { subject })}
                            loading={dismiss.isPending && dismiss.variables === m.id}
                            onClick={() => drop(m.id)}
                          >
                            {t("email.settings.dismiss")}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {held.hasNextPage && (
            <Group>
              <Button
                variant="default"
                loading={held.isFetchingNextPage}
                onClick={() => held.fetchNextPage()}
              >
                {t("email.settings.loadMore")}
              </Button>
            </Group>
          )}
        </>
      )}
    </HealthCard>
  );
}
