import { Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { api } from "../../api/client.ts";
import { FormError, listProblem, type SlaList, useSlaDelete, useSlaSave } from "./slaAdminKit.tsx";
import { useSlaPolicies } from "./slaApi.ts";
import { useSlaText } from "./slaText.ts";

const POLICIES: SlaList = { path: "/api/v1/sla-policies", queryKey: "sla-policies" };
const PRIORITIES = ["low", "normal", "high", "urgent"];

/** SLA policies: the first matching one (by order) sets a case's targets. */
export function SlaPoliciesPanel() {
  const { t } = useSlaText();
  const policies = useSlaPolicies();
  const remove = useSlaDelete(POLICIES);
  const problem = listProblem(policies, t);
  if (problem) return problem;
  const list = [...(policies.data ?? [])].sort((a, b) => a.position - b.position);
  const dash = (n: number | null | undefined) => (n == null ? "—" : String(n));
  return (
    <Stack gap="md">
      {list.length === 0 && !policies.isPending ? (
        <Text c="dimmed">{t("slaAdmin.policies.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("slaAdmin.policies.position")}</Table.Th>
                <Table.Th>{t("slaAdmin.policies.name")}</Table.Th>
                <Table.Th>{t("slaAdmin.policies.priority")}</Table.Th>
                <Table.Th>{t("slaAdmin.policies.firstReply")}</Table.Th>
                <Table.Th>{t("slaAdmin.policies.nextReply")}</Table.Th>
                <Table.Th>{t("slaAdmin.policies.resolution")}</Table.Th>
                <Table.Th>{t("slaAdmin.policies.calendar")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.position}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.conditions.priority ?? t("slaAdmin.policies.any")}</Table.Td>
                  <Table.Td>{dash(p.targets.firstReplyMinutes)}</Table.Td>
                  <Table.Td>{dash(p.targets.nextReplyMinutes)}</Table.Td>
                  <Table.Td>{dash(p.targets.resolutionMinutes)}</Table.Td>
                  <Table.Td>
                    {p.calendar === "always"
                      ? t("slaAdmin.policies.calendarAlways")
                      : t("slaAdmin.policies.calendarTeam")}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(p.id)}>
                      {t("slaAdmin.delete")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PolicyForm next={(list.at(-1)?.position ?? 0) + 1} />
    </Stack>
  );
}

function PolicyForm(props: { next: number }) {
  const { t } = useSlaText();
  const [name, setName] = useState("");
  const [priority, setPriority] = useState<string | null>(null);
  const [organization, setOrganization] = useState("");
  const [plan, setPlan] = useState("");
  const [first, setFirst] = useState<number | string>(60);
  const [nextReply, setNextReply] = useState<number | string>("");
  const [resolution, setResolution] = useState<number | string>("");
  const [calendar, setCalendar] = useState<string | null>("team");
  const [error, setError] = useState<string | null>(null);
  const num = (v: number | string) => (typeof v === "number" ? { v } : null);
  const save = useSlaSave(POLICIES, (body) => api(POLICIES.path, { method: "POST", body }), {
    onSaved: () => {
      setName("");
      setError(null);
    },
    onError: setError,
  });
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="form"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        save.mutate({
          name,
          position: props.next,
          conditions: {
            ...(priority ? { priority } : {}),
            ...(organization.trim() ? { organization: organization.trim() } : {}),
            ...(plan.trim() ? { plan: plan.trim() } : {}),
          },
          targets: {
            ...(num(first) ? { firstReplyMinutes: first } : {}),
            ...(num(nextReply) ? { nextReplyMinutes: nextReply } : {}),
            ...(num(resolution) ? { resolutionMinutes: resolution } : {}),
          },
          calendar: calendar ?? "team",
        });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t("slaAdmin.policies.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <Select
            label={t("slaAdmin.policies.priority")}
            data={PRIORITIES}
            value={priority}
            onChange={setPriority}
            clearable
            placeholder={t("slaAdmin.policies.any")}
          />
          <TextInput
            label={t("slaAdmin.policies.organization")}
            value={organization}
            onChange={(e) => setOrganization(e.currentTarget.value)}
          />
          <TextInput
            label={t("slaAdmin.policies.plan")}
            value={plan}
            onChange={(e) => setPlan(e.currentTarget.value)}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput label={t("slaAdmin.policies.firstReply")} min={1} value={first} onChange={setFirst} />
          <NumberInput
            label={t("slaAdmin.policies.nextReply")}
            min={1}
            value={nextReply}
            onChange={setNextReply}
          />
          <NumberInput
            label={t("slaAdmin.policies.resolution")}
            min={1}
            value={resolution}
            onChange={setResolution}
          />
        </Group>
        <Select
          label={t("slaAdmin.policies.calendar")}
          data={[
            { value: "team", label: t("slaAdmin.policies.calendarTeam") },
            { value: "always", label: t("slaAdmin.policies.calendarAlways") },
          ]}
          value={calendar}
          onChange={setCalendar}
          allowDeselect={false}
        />
        <FormError error={error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("slaAdmin.add")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
