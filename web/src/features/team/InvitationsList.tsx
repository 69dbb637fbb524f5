import { Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../ui/formatDate.ts";
import { InvitationLink } from "./InvitationLink.tsx";
import { type Invitation, useResendInvitation, useRevokeInvitation } from "./teamApi.ts";

function state(inv: Invitation, now: number): "accepted" | "expired" | "pending" | "revoked" {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  return Date.parse(inv.expiresAt) < now ? "expired" : "pending";
}
const colors = { accepted: "teal", expired: "gray", pending: "blue", revoked: "gray" } as const;

/** Resend (a fresh link; shown here when no relay can mail it) and revoke, while not accepted. */
function Actions(props: { inv: Invitation; onLink: (link: string | null) => void }) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const fail = (err: unknown) =>
    notifications.show({
      closeButtonProps: { "aria-label": t("common.close") },
      color: "red",
      message: err instanceof Error ? err.message : String(err),
    });
  const { inv } = props;
  return (
    <Group gap="xs" wrap="nowrap">
      {!inv.revokedAt && (
        <Button
          size="xs"
          variant="default"
          loading={resend.isPending}
          aria-label={`${t("invitationLink.resend")} ${inv.email}`}
          onClick={() =>
            resend.mutate(inv.id, {
              onSuccess: (r) => {
                props.onLink(r.link);
                if (!r.link)
                  notifications.show({
                    closeButtonProps: { "aria-label": t("common.close") },
                    message: t("invitationLink.resent", { email: inv.email }),
                  });
              },
              onError: fail,
            })
          }
        >
          {t("invitationLink.resend")}
        </Button>
      )}
      {!inv.revokedAt && (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          loading={revoke.isPending}
          aria-label={`${t("invitationLink.revoke")} ${inv.email}`}
          onClick={() =>
            revoke.mutate(inv.id, {
              onSuccess: () => {
                props.onLink(null);
                notifications.show({
                  closeButtonProps: { "aria-label": t("common.close") },
                  message: t("invitationLink.revokedDone", { email: inv.email }),
                });
              },
              onError: fail,
            })
          }
        >
          {t("invitationLink.revoke")}
        </Button>
      )}
    </Group>
  );
}

/** Invitations, newest first, with whether each is still waiting, used or expired. */
export function InvitationsList(props: { invitations: Invitation[] }) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  const [links, setLinks] = useState<Record<string, string | null>>({});
  return (
    <Stack gap="sm" component="section" aria-labelledby="invitations-title">
      <Text component="h2" id="invitations-title" fw={700} size="lg" m={0}>
        {t("team.invitations.title")}
      </Text>
      <Paper withBorder radius="lg">
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-labelledby="invitations-title">
            <Table.Thead>
              <Table.Tr>
                {(["email", "role", "sent", "status"] as const).map((c) => (
                  <Table.Th key={c}>{t(`team.invitations.columns.${c}`)}</Table.Th>
                ))}
                <Table.Th>{t("invitationLink.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.invitations.map((inv) => {
                const s = state(inv, now);
                const link = links[inv.id];
                return (
                  <Fragment key={inv.id}>
                    <Table.Tr>
                      <Table.Td>{inv.email}</Table.Td>
                      <Table.Td>{t(`shell.roles.${inv.role}`)}</Table.Td>
                      <Table.Td>{formatDateTime(inv.createdAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          <Badge variant="light" color={colors[s]}>
                            {s === "revoked" ? t("invitationLink.revoked") : t(`team.invitations.${s}`)}
                          </Badge>
                          {s === "pending" && (
                            <Text size="xs" c="dimmed">
                              {t("team.invitations.expires", {
                                when: formatDateTime(inv.expiresAt, i18n.language),
                              })}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        {s !== "accepted" && (
                          <Actions inv={inv} onLink={(l) => setLinks((m) => ({ ...m, [inv.id]: l }))} />
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {link && (
                      <Table.Tr>
                        <Table.Td colSpan={5}>
                          <InvitationLink email={inv.email} link={link} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
              {props.invitations.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5} ta="center" c="dimmed" py="lg">
                    {t("team.invitations.empty")}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
