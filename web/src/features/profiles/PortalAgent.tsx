import { Avatar, Group, Paper, Text } from "@mantine/core";
import { useCaseAgent } from "./profilesApi.ts";
import { useProfilesText } from "./profilesText.ts";

/** On the customer's request page: who is looking after them, by the name and photo they chose. */
export function PortalAgent(props: { caseId: string }) {
  const { t } = useProfilesText();
  const agent = useCaseAgent(props.caseId).data?.agent;
  if (!agent) return null;
  return (
    <Paper withBorder radius="lg" p="sm" aria-label={t("agentProfile.yourAgent")} data-testid="portal-agent">
      <Group gap="sm" wrap="nowrap">
        <Avatar src={agent.avatarUrl} alt={agent.displayName} radius="xl" size="md">
          {agent.displayName.slice(0, 1)}
        </Avatar>
        <div>
          <Text size="xs" c="dimmed">
            {t("agentProfile.yourAgent")}
          </Text>
          <Text fw={600}>{agent.displayName}</Text>
        </div>
      </Group>
    </Paper>
  );
}
