import { Alert, Button, Code, Group, Loader, Paper, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { AdminTable } from "../../ui/AdminList.tsx";
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

function ActionName({ action: a }: { action: Action }) {
  const { t } = useActionsText();
  return (
    <>
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
    </>
  );
}

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
        ) : (
          <AdminTable
            label={t("actions.admin.table")}
            minWidth={700}
            items={items}
            empty={t("actions.admin.empty")}
            columns={[
              { header: t("actions.admin.name"), cell: (a) => <ActionName action={a} /> },
              { header: t("actions.admin.url"), cell: (a) => a.url, wrap: "anywhere" },
              {
                header: t("actions.admin.fieldsCol"),
                cell: (a) => a.fields.map((f) => f.label || f.key).join(", "),
              },
              {
                header: t("actions.admin.rolesCol"),
                cell: (a) =>
                  a.roles
                    .map((r) => t(`actions.roles.${r}` as "actions.roles.agent", { defaultValue: r }))
                    .join(", "),
              },
              {
                header: t("actions.admin.approvalCol"),
                cell: (a) => approvalText(a) ?? t("actions.admin.none"),
              },
            ]}
            manageHeader={<VisuallyHidden>{t("actions.admin.manageCol")}</VisuallyHidden>}
            editLabel={(a) => t("actions.admin.edit", { name: a.name })}
            onEdit={setEditing}
            deleteLabel={(a) => t("actions.admin.remove", { name: a.name })}
            onDelete={(a) => {
              if (window.confirm(t("actions.admin.removeConfirm", { name: a.name })))
                remove.mutate([a.id], { onSuccess: () => notifyDone(t, t("actions.admin.removed")) });
            }}
          />
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
