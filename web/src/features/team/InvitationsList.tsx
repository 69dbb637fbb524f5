import { Badge, Paper, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../ui/formatDate.ts";
import type { Invitation } from "./teamApi.ts";

function state(inv: Invitation, now: number): "accepted" | "expired" | "pending" {
  if (inv.acceptedAt) return "accepted";
  return Date.parse(inv.expiresAt) < now ? "expired" : "pending";
}
const colors = { accepted: "teal", expired: "gray", pending: "blue" } as const;

/** Invitations, newest first, with whether each is still waiting, used or expired. */
export function InvitationsList(props: { invitations: Invitation[] }) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
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
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.invitations.map((inv) => {
                const s = state(inv, now);
                return (
                  <Table.Tr key={inv.id}>
                    <Table.Td>{inv.email}</Table.Td>
                    <Table.Td>{t(`shell.roles.${inv.role}`)}</Table.Td>
                    <Table.Td>{formatDateTime(inv.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        <Badge variant="light" color={colors[s]}>
                          {t(`team.invitations.${s}`)}
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
                  </Table.Tr>
                );
              })}
              {props.invitations.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4} ta="center" c="dimmed" py="lg">
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
