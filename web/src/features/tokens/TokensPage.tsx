import { Alert, Badge, Button, Code, Group, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAlertCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiToken } from "../../../../contracts/accounts.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { CreateTokenModal } from "./CreateTokenModal.tsx";
import { RevokeTokenModal } from "./RevokeTokenModal.tsx";
import { useTokens } from "./tokensApi.ts";

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const tokens = useTokens();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t("tokens.never"));

  const rows = tokens.data?.items.map((token) => (
    <Table.Tr key={token.id}>
      <Table.Td fw={600}>{token.name}</Table.Td>
      <Table.Td>
        <Code>{token.prefix}…</Code>
      </Table.Td>
      <Table.Td>{token.ownerEmail}</Table.Td>
      <Table.Td>{when(token.createdAt)}</Table.Td>
      <Table.Td>{when(token.lastUsedAt)}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={token.revokedAt ? "gray" : "teal"}>
          {token.revokedAt ? t("tokens.revoked") : t("tokens.active")}
        </Badge>
      </Table.Td>
      <Table.Td>
        {!token.revokedAt && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} aria-hidden />}
            aria-label={t("tokens.revokeLabel", { name: token.name })}
            onClick={() => setRevoking(token)}
          >
            {t("tokens.revoke")}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <PageTitle>{t("tokens.title")}</PageTitle>
          <Text c="dimmed">{t("tokens.intro")}</Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
          {t("tokens.create")}
        </Button>
      </Group>
      {tokens.isError && (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {tokens.error.message}
        </Alert>
      )}
      <Paper withBorder radius="lg">
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {(["name", "prefix", "owner", "created", "lastUsed", "status", "actions"] as const).map(
                  (c) => (
                    <Table.Th key={c}>{t(`tokens.columns.${c}`)}</Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Skeleton h={20} />
                  </Table.Td>
                </Table.Tr>
              )}
              {rows}
              {tokens.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7} ta="center" c="dimmed" py="xl">
                    {t("tokens.empty")}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <CreateTokenModal opened={creating} onClose={closeCreate} />
      <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}
