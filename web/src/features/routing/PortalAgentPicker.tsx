import { Paper, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { pickMyAgent, usePortalAgents, useRoutingMutation } from "./routingApi.ts";
import { useRoutingText } from "./routingText.ts";

/** The portal's "my agent": the customer chooses from the agents their workspace offers. */
export function PortalAgentPicker() {
  const { t } = useRoutingText();
  const agents = usePortalAgents();
  const pick = useRoutingMutation(pickMyAgent);
  if (!agents.data || agents.data.items.length === 0) return null;
  return (
    <Paper withBorder radius="lg" p="md" mt="md">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("routing.myAgent")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("routing.myAgentHint")}
        </Text>
        <Select
          label={t("routing.myAgent")}
          placeholder={t("routing.noPreference")}
          clearable
          clearButtonProps={{ "aria-label": t("routing.noPreference") }}
          disabled={pick.isPending}
          data={agents.data.items.map((a) => ({ value: a.id, label: a.name }))}
          value={agents.data.preferredAgentId}
          onChange={(v) =>
            pick.mutate(v, { onSuccess: () => notifications.show({ message: t("routing.myAgentSaved") }) })
          }
        />
      </Stack>
    </Paper>
  );
}
