import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import type { RoutingRule } from "../../../../contracts/routing.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useTeams } from "../team/teamApi.ts";
import {
  deleteRule,
  type RuleInput,
  saveRule,
  saveSettings,
  useRoutingMutation,
  useRoutingSettings,
  useRules,
} from "./routingApi.ts";
import { useRoutingText } from "./routingText.ts";

const CONDITION_KEYS = ["channel", "language", "tag", "organization", "productModel"] as const;

/** Admin: the routing rules in order, and each agent's capacity and whether customers may pick them. */
export function RoutingPage() {
  const { t } = useRoutingText();
  const rules = useRules();
  const [editing, setEditing] = useState<RoutingRule | "new" | null>(null);
  const remove = useRoutingMutation(deleteRule);
  return (
    <Stack gap="lg" maw={1000}>
      <PageTitle>{t("routing.title")}</PageTitle>
      <Text c="dimmed">{t("routing.intro")}</Text>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("routing.rules")}
          </Title>
          <Button onClick={() => setEditing("new")}>{t("routing.addRule")}</Button>
        </Group>
        {rules.error && <Alert color="red">{t("routing.loadError", { message: rules.error.message })}</Alert>}
        {rules.data?.items.length === 0 && <Text c="dimmed">{t("routing.noRules")}</Text>}
        {!!rules.data?.items.length && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("routing.position")}</Table.Th>
                <Table.Th>{t("routing.name")}</Table.Th>
                <Table.Th>{t("routing.conditions")}</Table.Th>
                <Table.Th>{t("routing.team")}</Table.Th>
                <Table.Th>{t("routing.strategy")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.position}</Table.Td>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>
                    {CONDITION_KEYS.filter((k) => r.conditions[k])
                      .map((k) => `${t(`routing.${k}`)}: ${r.conditions[k]}`)
                      .join(" · ") || t("routing.anyCase")}
                  </Table.Td>
                  <Table.Td>{r.teamName}</Table.Td>
                  <Table.Td>{t(`routing.strategies.${r.strategy}`)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(r)}>
                        {t("routing.edit")}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(r.id)}>
                        {t("routing.remove")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editing && <RuleForm rule={editing === "new" ? null : editing} onDone={() => setEditing(null)} />}
      </Card>
      <AgentsCard />
    </Stack>
  );
}

function RuleForm(props: { rule: RoutingRule | null; onDone: () => void }) {
  const { t } = useRoutingText();
  const teams = useTeams();
  const r = props.rule;
  const [form, setForm] = useState<RuleInput>({
    name: r?.name ?? "",
    position: r?.position ?? 0,
    conditions: r?.conditions ?? {},
    teamId: r?.teamId ?? "",
    strategy: r?.strategy ?? "round_robin",
  });
  const [error, setError] = useState<ApiError | null>(null);
  const save = useRoutingMutation(saveRule);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const conditions = Object.fromEntries(Object.entries(form.conditions).filter(([, v]) => v));
    save.mutate(
      { ...form, conditions, id: r?.id },
      {
        onSuccess: () => {
          notifications.show({ message: t("routing.saved") });
          props.onDone();
        },
        onError: (err) => setError(err instanceof ApiError ? err : null),
      },
    );
  };
  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <form onSubmit={submit} aria-label={r ? t("routing.editRule") : t("routing.addRule")}>
      <Stack mt="md" gap="sm">
        <Title order={3} size="h5">
          {r ? t("routing.editRule") : t("routing.addRule")}
        </Title>
        <Group grow>
          <TextInput
            label={t("routing.name")}
            required
            value={form.name}
            error={fieldError("name")}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
          <NumberInput
            label={t("routing.position")}
            min={0}
            value={form.position}
            onChange={(v) => setForm({ ...form, position: Number(v) || 0 })}
          />
        </Group>
        <Group grow>
          {CONDITION_KEYS.map((k) => (
            <TextInput
              key={k}
              label={t(`routing.${k}`)}
              value={form.conditions[k] ?? ""}
              error={fieldError(`conditions.${k}`)}
              onChange={(e) =>
                setForm({ ...form, conditions: { ...form.conditions, [k]: e.currentTarget.value } })
              }
            />
          ))}
        </Group>
        <Group grow>
          <Select
            label={t("routing.team")}
            required
            data={(teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
            value={form.teamId || null}
            error={fieldError("teamId")}
            onChange={(v) => setForm({ ...form, teamId: v ?? "" })}
          />
          <Select
            label={t("routing.strategy")}
            data={[
              { value: "round_robin", label: t("routing.strategies.round_robin") },
              { value: "least_loaded", label: t("routing.strategies.least_loaded") },
            ]}
            value={form.strategy}
            allowDeselect={false}
            onChange={(v) => setForm({ ...form, strategy: (v as RuleInput["strategy"]) ?? "round_robin" })}
          />
        </Group>
        {error && !error.field && <Alert color="red">{error.message}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("routing.save")}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t("routing.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AgentsCard() {
  const { t } = useRoutingText();
  const settings = useRoutingSettings();
  const save = useRoutingMutation(saveSettings);
  const [capacity, setCapacity] = useState<Record<string, number | null>>({});
  const [pickable, setPickable] = useState<string[] | null>(null);
  useEffect(() => {
    if (!settings.data) return;
    setCapacity(Object.fromEntries(settings.data.agents.map((a) => [a.id, a.capacity])));
    setPickable(settings.data.pickableAgentIds);
  }, [settings.data]);
  if (settings.error)
    return <Alert color="red">{t("routing.loadError", { message: settings.error.message })}</Alert>;
  const agents = settings.data?.agents ?? [];
  const isPicked = (id: string) =>
    pickable ? pickable.includes(id) : !!agents.find((a) => a.id === id)?.pickable;
  const toggle = (id: string) => {
    const current = pickable ?? agents.filter((a) => a.pickable).map((a) => a.id);
    setPickable(current.includes(id) ? current.filter((x) => x !== id) : [...current, id]);
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("routing.agents")}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {t("routing.agentsIntro")}
      </Text>
      <Switch
        mb="sm"
        label={t("routing.allPickable")}
        checked={pickable === null}
        onChange={(e) =>
          setPickable(e.currentTarget.checked ? null : agents.filter((a) => a.pickable).map((a) => a.id))
        }
      />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("routing.agent")}</Table.Th>
            <Table.Th>{t("routing.status")}</Table.Th>
            <Table.Th>{t("routing.openCases")}</Table.Th>
            <Table.Th>{t("routing.capacity")}</Table.Th>
            <Table.Th>{t("routing.pickable")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{t(`routing.${a.status}`)}</Table.Td>
              <Table.Td>{a.openCases}</Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`${t("routing.capacity")}: ${a.name}`}
                  min={1}
                  w={100}
                  value={capacity[a.id] ?? ""}
                  onChange={(v) => setCapacity({ ...capacity, [a.id]: v === "" ? null : Number(v) })}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${t("routing.pickable")}: ${a.name}`}
                  checked={isPicked(a.id)}
                  disabled={pickable === null}
                  onChange={() => toggle(a.id)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button
        mt="md"
        loading={save.isPending}
        onClick={() =>
          save.mutate(
            {
              pickableAgentIds: pickable,
              members: Object.fromEntries(Object.entries(capacity).map(([id, c]) => [id, { capacity: c }])),
            },
            { onSuccess: () => notifications.show({ message: t("routing.saved") }) },
          )
        }
      >
        {t("routing.saveAgents")}
      </Button>
    </Card>
  );
}
