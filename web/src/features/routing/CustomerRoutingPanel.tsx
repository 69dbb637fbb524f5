import { Select, Stack, Text, Title } from "@mantine/core";
import { useMe } from "../auth/session.ts";
import { useTeams } from "../team/teamApi.ts";
import { setDedicatedTeam, setPreferredAgent, useCustomerRouting, useRoutingMutation } from "./routingApi.ts";
import { useRoutingText } from "./routingText.ts";

/** On the customer panel: who this customer's new cases go to (preferred agent, dedicated team). */
export function CustomerRoutingPanel(props: { customerId: string }) {
  const { t } = useRoutingText();
  const canWrite = !!useMe().data?.permissions.includes("customers.write");
  const routing = useCustomerRouting(props.customerId);
  const teams = useTeams();
  const agent = useRoutingMutation((id: string | null) => setPreferredAgent(props.customerId, id));
  const team = useRoutingMutation((id: string | null) => setDedicatedTeam(props.customerId, id));
  if (!routing.data) return null;
  const r = routing.data;
  // Staff pick from the members of the workspace's teams (the teams list carries their names).
  const people = new Map<string, string>();
  for (const tm of teams.data?.items ?? []) for (const m of tm.members) people.set(m.id, m.name);
  if (r.preferredAgent) people.set(r.preferredAgent.id, r.preferredAgent.name);
  return (
    <Stack gap={6} component="section" aria-label={t("routing.panelTitle")}>
      <Title order={3} size="h6">
        {t("routing.panelTitle")}
      </Title>
      <Select
        size="xs"
        label={t("routing.preferredAgent")}
        placeholder={t("routing.none")}
        clearable
        clearButtonProps={{ "aria-label": t("routing.none") }}
        disabled={!canWrite || agent.isPending}
        data={[...people].map(([value, label]) => ({ value, label }))}
        value={r.preferredAgent?.id ?? null}
        onChange={(v) => agent.mutate(v)}
      />
      <Select
        size="xs"
        label={t("routing.dedicatedTeam")}
        placeholder={t("routing.none")}
        clearable
        clearButtonProps={{ "aria-label": t("routing.none") }}
        disabled={!canWrite || team.isPending}
        data={(teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
        value={r.dedicatedTeam?.id ?? null}
        onChange={(v) => team.mutate(v)}
      />
      {r.organizationTeam && (
        <Text size="xs" c="dimmed">
          {t("routing.orgTeam", { name: r.organizationTeam.name })}
        </Text>
      )}
    </Stack>
  );
}
