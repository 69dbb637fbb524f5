import { Alert, Button, Group, Loader, Stack, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { ProactiveMessage } from "../../../../contracts/widget.ts";
import { AdminTable, ErrorText } from "../../ui/AdminList.tsx";
import { useDeleteProactive, useProactive, useSaveProactive } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";
import { ProactiveForm } from "./ProactiveForm.tsx";

/** Settings → Proactive messages: the list, enable or disable in place, create, edit, delete. */
export function ProactiveSettings() {
  const { t } = useChatText();
  const list = useProactive();
  const toggle = useSaveProactive();
  const remove = useDeleteProactive();
  const [editing, setEditing] = useState<ProactiveMessage | "new" | null>(null);
  const done = (message: string) =>
    notifications.show({
      color: "teal",
      message,
      closeButtonProps: { "aria-label": t("chat.proactive.cancel") },
    });

  if (list.isError) return <Alert color="red">{t("chat.loadError", { message: list.error.message })}</Alert>;
  if (!list.data) return <Loader size="sm" />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text maw={640}>{t("chat.proactive.intro")}</Text>
        <Button onClick={() => setEditing("new")}>{t("chat.proactive.new")}</Button>
      </Group>
      <ErrorText>{remove.error?.message ?? toggle.error?.message}</ErrorText>
      <AdminTable
        label={t("chat.proactive.table")}
        minWidth={720}
        items={list.data.items}
        empty={t("chat.proactive.empty")}
        manageHeader={t("chat.proactive.manageCol")}
        columns={[
          { header: t("chat.proactive.name"), cell: (m) => m.name },
          {
            header: t("chat.proactive.trigger"),
            wrap: "anywhere",
            cell: (m) => (
              <Text size="sm" ff="monospace">
                {m.trigger === "page" ? m.urlPattern : `track("${m.eventName}")`}
              </Text>
            ),
          },
          { header: t("chat.proactive.delay"), align: "right", cell: (m) => m.delaySeconds },
          { header: t("chat.proactive.audience"), cell: (m) => t(`chat.proactive.audiences.${m.audience}`) },
          {
            header: t("chat.proactive.enabled"),
            cell: (m) => (
              <Switch
                aria-label={t("chat.proactive.enable", { name: m.name })}
                checked={m.enabled}
                onChange={(e) => toggle.mutate({ id: m.id, body: { enabled: e.currentTarget.checked } })}
              />
            ),
          },
        ]}
        editLabel={(m) => t("chat.proactive.edit", { name: m.name })}
        onEdit={(m) => setEditing(m)}
        deleteLabel={(m) => t("chat.proactive.remove", { name: m.name })}
        onDelete={(m) => {
          if (window.confirm(t("chat.proactive.removeConfirm", { name: m.name })))
            remove.mutate(m.id, { onSuccess: () => done(t("chat.proactive.removed")) });
        }}
        deleting={(m) => remove.isPending && remove.variables === m.id}
      />
      {editing && (
        <ProactiveForm
          message={editing === "new" ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) done(saved === "created" ? t("chat.proactive.created") : t("chat.proactive.saved"));
          }}
        />
      )}
    </Stack>
  );
}
