import { Button, Group, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { DEFAULT_FEEDBACK_SETTINGS, type FeedbackSettings } from "../../../../../contracts/feedback.ts";
import { notifyDone } from "../../escalations/notify.ts";
import { fieldError, Loaded } from "./common.tsx";
import { STATUSES, saveSettings, useFeedbackSettings, useFeedbackWrite } from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";

type Weights = FeedbackSettings["scoreWeights"];
const WEIGHTS: Array<[keyof Weights, string, number]> = [
  ["requesters", "requesters", 100],
  ["value", "value", 100],
  ["repeats", "repeats", 100],
  ["churned", "churned", 100],
  ["recencyHalfLifeDays", "halfLife", 3650],
];

/** Status names, score weights, the value fact and anonymous voting (feedback.manage). */
export function SettingsForm() {
  const { t } = useFeedbackStaffText();
  const settings = useFeedbackSettings();
  return (
    <Stack gap="sm" component="section" aria-labelledby="feedback-settings-heading">
      <Title order={2} size="h4" id="feedback-settings-heading">
        {t("feedbackStaff.settings.title")}
      </Title>
      <Loaded query={settings}>{(data) => <Form initial={data} />}</Loaded>
    </Stack>
  );
}

function Form(props: { initial: FeedbackSettings }) {
  const { t } = useFeedbackStaffText();
  const [labels, setLabels] = useState<FeedbackSettings["statusLabels"]>(props.initial.statusLabels ?? {});
  const [weights, setWeights] = useState<Weights>({
    ...DEFAULT_FEEDBACK_SETTINGS.scoreWeights,
    ...props.initial.scoreWeights,
  });
  const [factKey, setFactKey] = useState(props.initial.valueFactKey ?? "");
  const [anonymous, setAnonymous] = useState(props.initial.anonymousVoting);
  const save = useFeedbackWrite(saveSettings);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        // Empty names fall back to ours; the API refuses empty strings.
        const statusLabels = Object.fromEntries(
          Object.entries(labels)
            .map(([k, v]) => [k, (v ?? "").trim()])
            .filter(([, v]) => v),
        );
        save.mutate(
          {
            statusLabels,
            scoreWeights: weights,
            valueFactKey: factKey.trim() || null,
            anonymousVoting: anonymous,
          },
          { onSuccess: () => notifyDone(t, t("feedbackStaff.saved")) },
        );
      }}
    >
      <Stack gap="md">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t("feedbackStaff.settings.statusLabels")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("feedbackStaff.settings.statusLabelsHint")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            {STATUSES.map((status) => (
              <TextInput
                key={status}
                label={t(`feedbackStaff.status.${status}`)}
                placeholder={t(`feedbackStaff.status.${status}`)}
                value={labels[status] ?? ""}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setLabels((prev) => ({ ...prev, [status]: value }));
                }}
                maxLength={40}
              />
            ))}
          </SimpleGrid>
        </Stack>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t("feedbackStaff.settings.weights")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} spacing="sm">
            {WEIGHTS.map(([key, label, max]) => (
              <NumberInput
                key={key}
                label={t(`feedbackStaff.settings.${label}` as "feedbackStaff.settings.value")}
                value={weights[key]}
                onChange={(v) => setWeights((prev) => ({ ...prev, [key]: typeof v === "number" ? v : 0 }))}
                min={key === "recencyHalfLifeDays" ? 1 : 0}
                max={max}
                allowDecimal={key !== "recencyHalfLifeDays"}
              />
            ))}
          </SimpleGrid>
        </Stack>
        <TextInput
          label={t("feedbackStaff.settings.valueFactKey")}
          description={t("feedbackStaff.settings.valueFactHint")}
          value={factKey}
          onChange={(e) => setFactKey(e.currentTarget.value)}
          maxLength={64}
          w={{ base: "100%", sm: 320 }}
          error={fieldError(save.error, "valueFactKey")}
        />
        <Switch
          label={t("feedbackStaff.settings.anonymousVoting")}
          checked={anonymous}
          onChange={(e) => setAnonymous(e.currentTarget.checked)}
        />
        {save.error && !fieldError(save.error, "valueFactKey") && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {save.error.message}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("feedbackStaff.settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
