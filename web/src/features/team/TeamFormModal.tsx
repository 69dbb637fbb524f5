import { Button, Group, Modal, MultiSelect, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { type Member, type Team, useSaveTeam } from "./teamApi.ts";

/** Create a team, or rename one and set its members. `team` undefined means closed, null means new. */
export function TeamFormModal(props: {
  team: Team | null | undefined;
  staff: Member[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveTeam();
  const form = useForm({
    initialValues: { name: "", memberIds: [] as string[] },
    validate: { name: (v) => (v.trim() ? null : t("team.teams.required")) },
  });
  const { team } = props;
  // Reload the form whenever a different team (or "new") is opened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is a new object each render
  useEffect(() => {
    if (team === undefined) return;
    form.setValues({ name: team?.name ?? "", memberIds: team?.members.map((m) => m.id) ?? [] });
    form.resetDirty();
    form.clearErrors();
  }, [team]);

  // Active staff can join; current members who were deactivated stay listed so they can be removed.
  const current = new Set(team?.members.map((m) => m.id) ?? []);
  const options = props.staff
    .filter((m) => m.status === "active" || current.has(m.id))
    .map((m) => ({ value: m.id, label: m.name }));

  const submit = form.onSubmit(async ({ name, memberIds }) => {
    try {
      await save.mutateAsync({ id: team?.id ?? null, name: name.trim(), memberIds });
      notifications.show({
        color: "teal",
        message: t("team.teams.saved", { name: name.trim() }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      props.onClose();
    } catch (err) {
      const field = err instanceof ApiError && err.field === "memberIds" ? "memberIds" : "name";
      form.setFieldError(field, err instanceof Error ? err.message : t("common.genericError"));
    }
  });

  return (
    <Modal
      opened={team !== undefined}
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={team ? t("team.teams.editTitle", { name: team.name }) : t("team.teams.createTitle")}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("team.teams.name")}
            description={t("team.teams.nameHint")}
            required
            maxLength={80}
            data-autofocus
            {...form.getInputProps("name")}
          />
          <MultiSelect
            label={t("team.teams.members")}
            description={t("team.teams.membersHint")}
            placeholder={t("team.teams.membersPlaceholder")}
            data={options}
            searchable
            clearable
            hidePickedOptions
            {...form.getInputProps("memberIds")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("team.teams.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
