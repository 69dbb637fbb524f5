import { ActionIcon, Button, Group, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconPencil, IconUserCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CASE_STATUSES, type Case, PRIORITIES } from "../../../../contracts/cases.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { useMembers, useMyMembershipId, useTeams } from "../inbox/inboxApi.ts";
import { type CasePatch, useUpdateCase } from "./casesApi.ts";

/** "zendesk:acme.zendesk.com" → "Zendesk": the system's name, which needs no translation. */
const importedFrom = (source: string | null | undefined) => {
  const system = (source ?? "").split(":")[0] ?? "";
  return system.charAt(0).toUpperCase() + system.slice(1);
};

/** Subject and every case field, each changeable where it is shown. */
export function CaseHeader(props: { case: Case }) {
  const { t } = useTranslation();
  const c = props.case;
  const update = useUpdateCase(c.id);
  const members = useMembers();
  const teams = useTeams();
  const myId = useMyMembershipId();
  // Engineers read the case; its fields are agents' to change (the server enforces it too).
  const readOnly = !(useMe().data?.permissions.includes("cases.work") ?? false);
  const [editing, setEditing] = useState(false);
  const [subject, setSubject] = useState(c.subject);

  const change = async (patch: CasePatch) => {
    try {
      await update.mutateAsync(patch);
    } catch (err) {
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        color: "red",
        message: err instanceof ApiError ? err.message : t("common.genericError"),
      });
    }
  };

  const staff = (members.data?.items ?? []).filter((m) => m.status === "active" && m.role !== "customer");
  const assignees = [
    { value: "", label: t("cases.unassigned") },
    ...staff.map((m) => ({ value: m.id, label: m.name })),
  ];
  // The current assignee may be missing from the list (deactivated); keep them selectable.
  if (c.assignee && !assignees.some((a) => a.value === c.assignee?.id))
    assignees.push({ value: c.assignee.id, label: c.assignee.name });
  const teamOptions = [
    { value: "", label: t("cases.noTeam") },
    ...(teams.data?.items.map((team) => ({ value: team.id, label: team.name })) ?? []),
  ];

  return (
    <Stack gap="sm" component="header">
      <Group gap="xs" align="center" wrap="nowrap">
        <Text c="dimmed" fw={700} fz="xl" style={{ flexShrink: 0 }}>
          {t("cases.number", { number: c.number })}
        </Text>
        {c.importNumber && (
          // The number the case had in the helpdesk it was imported from ("Zendesk #4411").
          <Text c="dimmed" fz="sm" style={{ flexShrink: 0 }} data-testid="case-import-number">
            {`${importedFrom(c.importSource)} #${c.importNumber}`}
          </Text>
        )}
        {editing ? (
          <form
            style={{ flex: 1 }}
            onSubmit={(e) => {
              e.preventDefault();
              setEditing(false);
              if (subject.trim() && subject !== c.subject) void change({ subject: subject.trim() });
            }}
          >
            <Group gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t("cases.subject")}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                style={{ flex: 1 }}
                autoFocus
              />
              <ActionIcon type="submit" size="lg" aria-label={t("customers.save")}>
                <IconCheck size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </form>
        ) : (
          <>
            <PageTitle>{c.subject}</PageTitle>
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`${t("customers.edit")}: ${t("cases.subject")}`}
                onClick={() => {
                  setSubject(c.subject);
                  setEditing(true);
                }}
              >
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            )}
          </>
        )}
      </Group>
      <Group gap="sm" align="flex-end" role="group" aria-label={t("cases.fields")}>
        <Select
          label={t("cases.status")}
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
          value={c.status}
          onChange={(v) => v && void change({ status: v as Case["status"] })}
          allowDeselect={false}
          w={130}
          disabled={readOnly}
        />
        <Select
          label={t("cases.priority")}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`cases.priorities.${p}`) }))}
          value={c.priority}
          onChange={(v) => v && void change({ priority: v as Case["priority"] })}
          allowDeselect={false}
          w={120}
          disabled={readOnly}
        />
        <Select
          label={t("cases.assignee")}
          data={assignees}
          value={c.assignee?.id ?? ""}
          onChange={(v) => void change({ assigneeId: v || null })}
          allowDeselect={false}
          searchable
          w={180}
          disabled={readOnly}
        />
        <Select
          label={t("cases.team")}
          data={teamOptions}
          value={c.team?.id ?? ""}
          onChange={(v) => void change({ teamId: v || null })}
          allowDeselect={false}
          w={160}
          disabled={readOnly}
        />
        <TagsInput
          label={t("cases.tags")}
          description={t("cases.tagsHint")}
          value={c.tags}
          onChange={(tags) => void change({ tags: tags.map((tag) => tag.trim().toLowerCase()) })}
          disabled={readOnly}
          w={240}
        />
        {!readOnly && myId && c.assignee?.id !== myId && (
          <Button
            variant="light"
            leftSection={<IconUserCheck size={16} aria-hidden />}
            onClick={() => void change({ assigneeId: myId })}
          >
            {t("cases.assignToMe")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
