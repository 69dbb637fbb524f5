import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CASE_STATUSES } from "../../../../contracts/cases.ts";
import { savedViewSchema } from "../../../../contracts/team.ts";
import { ApiError, apiParsed } from "../../api/client.ts";
import { type CaseFilters, useTeams } from "./inboxApi.ts";

type Props = {
  filters: CaseFilters;
  onChange: (filters: CaseFilters) => void;
  onSaved: (id: string) => void;
};

/** Status, tag and team filters over the current view, and saving them as a named view. */
export function InboxFilters(props: Props) {
  const { t } = useTranslation();
  const teams = useTeams();
  const queryClient = useQueryClient();
  const [tag, setTag] = useState(props.filters.tag ?? "");
  const [saving, { open, close }] = useDisclosure();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setTag(props.filters.tag ?? ""), [props.filters.tag]);

  const set = (patch: Partial<CaseFilters>) => props.onChange({ ...props.filters, ...patch });
  const statuses = [
    { value: "open", label: t("inbox.filters.openStatuses") },
    { value: "all", label: t("inbox.filters.allStatuses") },
    // The API reads "open" alone as "every unsolved status"; "open,open" asks for exactly open.
    ...CASE_STATUSES.map((s) => ({ value: s === "open" ? "open,open" : s, label: t(`cases.statuses.${s}`) })),
  ];

  const save = async () => {
    if (!name.trim()) return setError(t("customers.required"));
    try {
      const view = await apiParsed(savedViewSchema, "/api/v1/views", {
        body: { name: name.trim(), filters: props.filters },
      });
      await queryClient.invalidateQueries({ queryKey: ["views"] });
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("inbox.viewSaved", { name: view.name }),
        color: "teal",
      });
      close();
      setName("");
      props.onSaved(view.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.genericError"));
    }
  };

  return (
    <Group gap="sm" align="flex-end" role="group" aria-label={t("inbox.filters.label")}>
      <Select
        label={t("inbox.filters.status")}
        data={statuses}
        value={props.filters.status ?? "open"}
        onChange={(v) => set({ status: v ?? "open" })}
        allowDeselect={false}
        w={170}
      />
      <TextInput
        label={t("inbox.filters.tag")}
        value={tag}
        onChange={(e) => setTag(e.currentTarget.value)}
        onBlur={() => tag !== (props.filters.tag ?? "") && set({ tag: tag.trim() || undefined })}
        onKeyDown={(e) => e.key === "Enter" && set({ tag: tag.trim() || undefined })}
        w={150}
      />
      <Select
        label={t("inbox.filters.team")}
        data={[
          { value: "", label: t("inbox.filters.anyTeam") },
          ...(teams.data?.items.map((team) => ({ value: team.id, label: team.name })) ?? []),
        ]}
        value={props.filters.team ?? ""}
        onChange={(v) => set({ team: v || undefined })}
        allowDeselect={false}
        w={170}
      />
      <Button variant="default" leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={open}>
        {t("inbox.saveView")}
      </Button>
      <Modal
        closeButtonProps={{ "aria-label": t("common.close") }}
        opened={saving}
        onClose={close}
        title={t("inbox.saveViewTitle")}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack>
            <TextInput
              label={t("inbox.viewName")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("common.cancel")}
              </Button>
              <Button type="submit">{t("inbox.saveView")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
