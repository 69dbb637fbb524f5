import { Button, Group, Paper, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { api } from "../../api/client.ts";
import { useTeams } from "../inbox/inboxApi.ts";
import { FormError, listProblem, type SlaList, useSlaDelete, useSlaSave } from "./slaAdminKit.tsx";
import { type BusinessHours, formatPeriods, parsePeriods, useBusinessHours } from "./slaApi.ts";
import { useSlaText } from "./slaText.ts";

const HOURS: SlaList = { path: "/api/v1/business-hours", queryKey: "business-hours" };
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Business hours per team: periods, zone, holidays and who takes over (follow-the-sun). */
export function BusinessHoursPanel() {
  const { t } = useSlaText();
  const hours = useBusinessHours();
  const teams = useTeams();
  const [editing, setEditing] = useState<BusinessHours | "new" | null>(null);
  const remove = useSlaDelete(HOURS);
  const problem = listProblem(hours, t);
  if (problem) return problem;
  const list = hours.data ?? [];
  const teamName = (id: string | null) =>
    id ? (teams.data?.items.find((x) => x.id === id)?.name ?? id) : t("slaAdmin.hours.workspaceDefault");
  return (
    <Stack gap="md">
      {list.length === 0 && !hours.isPending && <Text c="dimmed">{t("slaAdmin.hours.empty")}</Text>}
      {list.map((h) => (
        <Paper key={h.id} withBorder p="sm" radius="md">
          <Group justify="space-between">
            <div>
              <Text fw={600}>
                {h.name} · {teamName(h.teamId)}
              </Text>
              <Text size="sm" c="dimmed">
                {t("slaAdmin.hours.summary", { zone: h.timezone, count: h.periods.length })}
              </Text>
            </div>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setEditing(h)}>
                {t("slaAdmin.edit", { name: h.name })}
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(h.id)}>
                {t("slaAdmin.delete")}
              </Button>
            </Group>
          </Group>
        </Paper>
      ))}
      {editing ? (
        <HoursForm
          key={editing === "new" ? "new" : editing.id}
          initial={editing === "new" ? null : editing}
          all={list}
          teams={teams.data?.items ?? []}
          onDone={() => setEditing(null)}
        />
      ) : (
        <Group>
          <Button onClick={() => setEditing("new")}>{t("slaAdmin.add")}</Button>
        </Group>
      )}
    </Stack>
  );
}

function HoursForm(props: {
  initial: BusinessHours | null;
  all: BusinessHours[];
  teams: { id: string; name: string }[];
  onDone: () => void;
}) {
  const { t } = useSlaText();
  const i = props.initial;
  const [name, setName] = useState(i?.name ?? "");
  const [teamId, setTeamId] = useState<string | null>(i?.teamId ?? null);
  const [timezone, setTimezone] = useState(i?.timezone ?? BROWSER_ZONE);
  const [periods, setPeriods] = useState(
    i
      ? formatPeriods(i.periods)
      : "Mon 09:00-17:00\nTue 09:00-17:00\nWed 09:00-17:00\nThu 09:00-17:00\nFri 09:00-17:00",
  );
  const [holidays, setHolidays] = useState((i?.holidays ?? []).join("\n"));
  const [followOnId, setFollowOnId] = useState<string | null>(i?.followOnId ?? null);
  const [error, setError] = useState<string | null>(null);
  const save = useSlaSave(
    HOURS,
    (body) =>
      i ? api(`${HOURS.path}/${i.id}`, { method: "PUT", body }) : api(HOURS.path, { method: "POST", body }),
    { onSaved: props.onDone, onError: setError },
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = parsePeriods(periods);
    if (parsed.bad) return setError(t("slaAdmin.hours.badPeriod", { line: parsed.bad }));
    setError(null);
    save.mutate({
      name,
      teamId,
      timezone,
      periods: parsed.periods,
      holidays: holidays
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      followOnId,
    });
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t("slaAdmin.hours.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label={t("slaAdmin.hours.team")}
          data={props.teams.map((x) => ({ value: x.id, label: x.name }))}
          value={teamId}
          onChange={setTeamId}
          clearable
          placeholder={t("slaAdmin.hours.workspaceDefault")}
        />
        <TextInput
          label={t("slaAdmin.hours.timezone")}
          required
          value={timezone}
          onChange={(e) => setTimezone(e.currentTarget.value)}
        />
        <Textarea
          label={t("slaAdmin.hours.periods")}
          description={t("slaAdmin.hours.periodsHelp")}
          autosize
          minRows={3}
          value={periods}
          onChange={(e) => setPeriods(e.currentTarget.value)}
        />
        <Textarea
          label={t("slaAdmin.hours.holidays")}
          description={t("slaAdmin.hours.holidaysHelp")}
          autosize
          minRows={2}
          value={holidays}
          onChange={(e) => setHolidays(e.currentTarget.value)}
        />
        <Select
          label={t("slaAdmin.hours.followOn")}
          data={props.all.filter((h) => h.id !== i?.id).map((h) => ({ value: h.id, label: h.name }))}
          value={followOnId}
          onChange={setFollowOnId}
          clearable
          placeholder={t("slaAdmin.hours.none")}
        />
        <FormError error={error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("slaAdmin.save")}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t("slaAdmin.cancel")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
