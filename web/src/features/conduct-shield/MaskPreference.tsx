import { Paper, Stack, Switch, Text } from "@mantine/core";
import { useConductPreferences, useSaveConductPreferences } from "./shieldApi.ts";
import { useShieldText } from "./shieldText.ts";

/** On the agent's profile: "Mask insults in abusive messages" (on by default, per agent). */
export function MaskPreference() {
  const { t } = useShieldText();
  const prefs = useConductPreferences();
  const save = useSaveConductPreferences();
  // Staff only: people without case access get an error here and see nothing.
  if (prefs.isError) return null;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={t("shield.maskTitle")}>
      <Stack gap="xs">
        <Switch
          label={t("shield.maskTitle")}
          checked={prefs.data?.maskAbuse ?? true}
          disabled={!prefs.data || save.isPending}
          onChange={(e) => save.mutate(e.currentTarget.checked)}
        />
        <Text size="sm" c="dimmed">
          {t("shield.maskHint")}
        </Text>
      </Stack>
    </Paper>
  );
}
