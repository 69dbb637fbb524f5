import { Paper, Stack, Switch, Text } from "@mantine/core";
import { usePeopleSettings, useSavePeopleSettings } from "./profilesApi.ts";
import { useProfilesText } from "./profilesText.ts";

/** Admin: "Agents write in their own voice". There is deliberately no setting that mandates snippets. */
export function AgentVoiceSetting() {
  const { t } = useProfilesText();
  const settings = usePeopleSettings();
  const save = useSavePeopleSettings();
  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="xs">
        <Switch
          label={t("agentProfile.voiceTitle")}
          checked={settings.data?.agentPersonality ?? true}
          disabled={!settings.data || save.isPending}
          onChange={async (e) => {
            await save.mutateAsync(e.currentTarget.checked);
          }}
        />
        <Text size="sm" c="dimmed">
          {t("agentProfile.voiceHint")}
        </Text>
      </Stack>
    </Paper>
  );
}
