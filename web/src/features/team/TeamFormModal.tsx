import { Button, Group, Modal, MultiSelect, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { ApiError } from "../../api/client.ts";
import { type Member, type Team, useSaveTeam } from "./teamApi.ts";
import { useTeamLeadText } from "./teamLeadText.ts";

/**
 * Create a team, or rename one, set its members and mark its leads (a lead must be a member, so
 * only chosen members can be marked). `team` undefined means closed, null means new.
 */
export function TeamFormModal(props: {
  team: Team | null | undefined;
  staff: Member[];
  onClose: () => void;
}) {
  const { t } = useTeamLeadText();
  const save = useSaveTeam();
  const form = useForm({
    initialValues: { name: "", memberIds: [] as string[], leadIds: [] as string[] },
    validate: { name: (v) => (v.trim() ? null : t("team.teams.required")) },
  });
  const { team } = props;
  // Reload the form whenever a different team (or "new") is opened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is a new object each render
  useEffect(() => {
    if (team === undefined) return;
    form.setValues({
      name: team?.name ?? "",
      memberIds: team?.members.map((m) => m.id) ?? [],
      leadIds: team?.members.filter((m) => m.isLead).map((m) => m.id) ?? [],
    });
    form.resetDirty();
    form.clearErrors();
  }, [team]);

  // Active staff can join; current members who were deactivated stay listed so they can be removed.
  const current = new Set(team?.members.map((m) => m.id) ?? []);
  const options = props.staff
    .filter((m) => m.status === "active" || current.has(m.id))
    .map((m) => ({ value: m.id, label: m.name }));

  const nameOf = new Map(options.map((o) => [o.value, o.label]));
  for (const m of team?.members ?? []) if (!nameOf.has(m.id)) nameOf.set(m.id, m.name);
  const { memberIds, leadIds } = form.values;
  const toggleLead = (id: string, on: boolean) =>
    form.setFieldValue("leadIds", on ? [...leadIds, id] : leadIds.filter((x) => x !== id));

  const submit = form.onSubmit(async ({ name, memberIds, leadIds }) => {
    try {
      // A member taken off the team stops leading it too.
      const leads = leadIds.filter((id) => memberIds.includes(id));
      await save.mutateAsync({ id: team?.id ?? null, name: name.trim(), memberIds, leadIds: leads });
      notifications.show({
        color: "teal",
        message: t("team.teams.saved", { name: name.trim() }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      props.onClose();
    } catch (err) {
      const field =
        err instanceof ApiError && (err.field === "memberIds" || err.field === "leadIds")
          ? "memberIds"
          : "name";
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
          <Stack gap={6} role="group" aria-labelledby="team-leads-title">
            <Text id="team-leads-title" size="sm" fw={500}>
              {t("teamLeads.leadsTitle")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("teamLeads.leadsHint")}
            </Text>
            {memberIds.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("teamLeads.noneYet")}
              </Text>
            ) : (
              memberIds.map((id) => (
                <Switch
                  key={id}
                  label={t("teamLeads.toggle", { name: nameOf.get(id) ?? id })}
                  checked={leadIds.includes(id)}
                  onChange={(e) => toggleLead(id, e.currentTarget.checked)}
                />
              ))
            )}
          </Stack>
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
