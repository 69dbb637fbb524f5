import { Alert, Avatar, Badge, Group, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { memberPageSchema } from "../../../../contracts/accounts.ts";
import { apiParsed } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";

export function TeamPage() {
  const { t, i18n } = useTranslation();
  const members = useQuery({
    queryKey: ["members"],
    queryFn: () => apiParsed(memberPageSchema, "/api/v1/members?limit=100"),
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageTitle>{t("team.title")}</PageTitle>
        <Text c="dimmed">{t("team.intro")}</Text>
      </Stack>
      {members.isError && (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {members.error.message}
        </Alert>
      )}
      <Paper withBorder radius="lg">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                {(["name", "email", "role", "status", "joined"] as const).map((c) => (
                  <Table.Th key={c}>{t(`team.columns.${c}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Skeleton h={20} />
                  </Table.Td>
                </Table.Tr>
              )}
              {members.data?.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar name={m.name} color="blue" size={28} radius="xl" aria-hidden />
                      <Text size="sm" fw={600}>
                        {m.name}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>{t(`shell.roles.${m.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={m.status === "active" ? "teal" : "gray"}>
                      {t(`team.status.${m.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(m.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
              {members.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5} ta="center" c="dimmed" py="xl">
                    {t("team.empty")}
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
