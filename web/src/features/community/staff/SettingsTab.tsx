import { Button, Group, NumberInput, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { notifyDone } from "../../escalations/notify.ts";
import { splitError } from "../../problems/fieldErrors.ts";
import { Loaded } from "./CommunityStaffPage.tsx";
import { useCommunityStaffText } from "./communityStaffText.ts";
import {
  type CommunitySettings,
  pointNames,
  saveSettings,
  useCommunitySettings,
  useCommunityWrite,
} from "./staffApi.ts";

/** Point values, the daily reputation cap and the flag weight that hides a post. */
export function SettingsTab() {
  const settings = useCommunitySettings();
  return <Loaded query={settings}>{(data) => <SettingsForm initial={data} />}</Loaded>;
}

function SettingsForm(props: { initial: CommunitySettings }) {
  const { t } = useCommunityStaffText();
  const [form, setForm] = useState(props.initial);
  const save = useCommunityWrite(saveSettings);
  const errors = splitError(save.error, t("common.genericError"));
  const num = (v: string | number) => (typeof v === "number" ? v : Number(v) || 0);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form, { onSuccess: () => notifyDone(t, t("communityStaff.saved")) });
      }}
    >
      <Stack gap="lg">
        <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={2} size="h4" component="legend">
            {t("communityStaff.settings.points")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {pointNames.map((key) => (
              <NumberInput
                key={key}
                label={t(`communityStaff.settings.pointNames.${key}`)}
                min={-1000}
                max={1000}
                value={form.points[key] ?? 0}
                onChange={(v) => setForm((f) => ({ ...f, points: { ...f.points, [key]: num(v) } }))}
                error={errors.fields[`points.${key}`]}
              />
            ))}
          </SimpleGrid>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t("communityStaff.settings.dailyCap")}
            min={0}
            value={form.dailyCap}
            onChange={(v) => setForm((f) => ({ ...f, dailyCap: num(v) }))}
            error={errors.fields.dailyCap}
          />
          <NumberInput
            label={t("communityStaff.settings.flagHideThreshold")}
            min={1}
            value={form.flagHideThreshold}
            onChange={(v) => setForm((f) => ({ ...f, flagHideThreshold: num(v) }))}
            error={errors.fields.flagHideThreshold}
          />
        </SimpleGrid>
        {errors.form && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {errors.form}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("communityStaff.settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
