import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea } from "@mantine/core";
import { IconFileImport, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { useImport, usePlaybooks } from "./playbooksApi.ts";
import { usePlaybooksText } from "./playbooksText.ts";

/** /app/playbooks: every playbook with its published and draft versions; create or import one. */
export function PlaybooksPage() {
  const { t } = usePlaybooksText();
  const canManage = useMe().data?.permissions.includes("playbooks.manage") ?? false;
  const navigate = useNavigate();
  const list = usePlaybooks();
  const importer = useImport();
  const [importing, setImporting] = useState(false);
  const [yaml, setYaml] = useState("");
  const items = list.data?.items ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <PageTitle>{t("playbooks.title")}</PageTitle>
          <Text c="dimmed">{t("playbooks.intro")}</Text>
        </Stack>
        {canManage && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconFileImport size={16} aria-hidden />}
              onClick={() => setImporting(!importing)}
            >
              {t("playbooks.import")}
            </Button>
            <Button component={Link} to="/app/playbooks/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t("playbooks.new")}
            </Button>
          </Group>
        )}
      </Group>
      {importing && (
        <Paper withBorder radius="lg" p="md">
          <Stack gap="sm">
            <Textarea
              label={t("playbooks.importLabel")}
              value={yaml}
              onChange={(e) => setYaml(e.currentTarget.value)}
              autosize
              minRows={6}
              maxRows={20}
              ff="monospace"
            />
            {importer.error && (
              <Alert color="red" role="alert">
                {importer.error instanceof ApiError ? importer.error.message : t("common.genericError")}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button
                disabled={!yaml.trim()}
                loading={importer.isPending}
                onClick={() =>
                  importer.mutate(yaml, { onSuccess: (p) => navigate(`/app/playbooks/${p.id}`) })
                }
              >
                {t("playbooks.importSubmit")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {list.isSuccess && items.length === 0 ? (
        <Text c="dimmed">{t("playbooks.empty")}</Text>
      ) : (
        <Paper withBorder radius="lg">
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("playbooks.columns.name")}</Table.Th>
                <Table.Th>{t("playbooks.columns.slug")}</Table.Th>
                <Table.Th>{t("playbooks.columns.published")}</Table.Th>
                <Table.Th>{t("playbooks.columns.draft")}</Table.Th>
                <Table.Th>{t("playbooks.columns.topics")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/app/playbooks/${p.id}`} fw={600}>
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      /portal/help/{p.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {p.publishedVersion ? (
                      <Badge color="teal" variant="light">
                        {t("playbooks.versionN", { version: p.publishedVersion })}
                      </Badge>
                    ) : (
                      t("playbooks.none")
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.draftVersion
                      ? t("playbooks.versionN", { version: p.draftVersion })
                      : t("playbooks.none")}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.topics.join(", ")}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
