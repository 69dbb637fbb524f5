import {
  ActionIcon,
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { notifyDone } from "../escalations/notify.ts";
import { ActionEditor } from "./ActionEditor.tsx";
import { type Action, deleteAction, useActions, useActionsWrite } from "./actionsApi.ts";
import { useActionsText } from "./actionsText.ts";
import { ActionGlyph } from "./icons.tsx";

const approvalText = (a: Action) => {
  const rule = a.approvalAbove;
  if (rule === null || rule === undefined) return null;
  return typeof rule === "number" ? String(rule) : `${rule.field} > ${rule.amount}`;
};

/** Settings → Actions (admins): the actions agents may run from a case, and their targets. */
export function ActionsAdminPage() {
  const { t } = useActionsText();
  const actions = useActions();
  const [editing, setEditing] = useState<Action | "new" | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const remove = useActionsWrite(deleteAction);
  const items = actions.data?.items ?? [];

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <PageTitle>{t("actions.admin.title")}</PageTitle>
        <Button onClick={() => setEditing("new")}>{t("actions.admin.new")}</Button>
      </Group>
      <Text c="dimmed">{t("actions.admin.intro")}</Text>
      {secret && (
        <Alert
          color="blue"
          title={t("actions.admin.secretTitle")}
          withCloseButton
          closeButtonLabel={t("actions.admin.cancel")}
          onClose={() => setSecret(null)}
        >
          <Text size="sm">{t("actions.admin.secretOnce")}</Text>
          <Code block mt="xs" data-testid="action-secret">
            {secret.secret}
          </Code>
        </Alert>
      )}
      {remove.error && <Alert color="red">{remove.error.message}</Alert>}
      <Paper withBorder radius="md" p="md">
        {actions.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : actions.error ? (
          <Alert color="red">{t("actions.loadError", { message: actions.error.message })}</Alert>
        ) : items.length === 0 ? (
          <Text c="dimmed">{t("actions.admin.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label={t("actions.admin.table")} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("actions.admin.name")}</Table.Th>
                  <Table.Th scope="col">{t("actions.admin.url")}</Table.Th>
                  <Table.Th scope="col">{t("actions.admin.fieldsCol")}</Table.Th>
                  <Table.Th scope="col">{t("actions.admin.rolesCol")}</Table.Th>
                  <Table.Th scope="col">{t("actions.admin.approvalCol")}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t("actions.admin.manageCol")}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <ActionGlyph name={a.icon} />
                        <Text size="sm" fw={500}>
                          {a.name}
                        </Text>
                      </Group>
                      {a.secretPreview && (
                        <Text size="xs" c="dimmed">
                          {t("actions.admin.secretPreview", { preview: a.secretPreview })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>{a.url}</Table.Td>
                    <Table.Td>{a.fields.map((f) => f.label || f.key).join(", ")}</Table.Td>
                    <Table.Td>
                      {a.roles
                        .map((r) => t(`actions.roles.${r}` as "actions.roles.agent", { defaultValue: r }))
                        .join(", ")}
                    </Table.Td>
                    <Table.Td>{approvalText(a) ?? t("actions.admin.none")}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t("actions.admin.edit", { name: a.name })}
                          onClick={() => setEditing(a)}
                        >
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t("actions.admin.remove", { name: a.name })}
                          onClick={() => {
                            if (window.confirm(t("actions.admin.removeConfirm", { name: a.name })))
                              remove.mutate([a.id], {
                                onSuccess: () => notifyDone(t, t("actions.admin.removed")),
                              });
                          }}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {editing !== null && (
        <ActionEditor
          key={editing === "new" ? "new" : editing.id}
          opened
          action={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            notifyDone(t, t("actions.admin.created"));
            if (created.secret) setSecret({ name: created.name, secret: created.secret });
          }}
        />
      )}
    </Stack>
  );
}
