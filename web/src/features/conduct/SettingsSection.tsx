import { Alert, Button, Checkbox, Group, Loader, NumberInput, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import type { ConductSettingsView } from "../../../../contracts/conduct.ts";
import { useConductSettings, useSaveConductSettings } from "./conductApi.ts";
import { useConductText } from "./conductText.ts";

/** Half-life, threshold and the frustration option (admins; the server checks too). */
export function SettingsSection() {
  const { t } = useConductText();
  const settings = useConductSettings();
  const save = useSaveConductSettings();
  const [form, setForm] = useState<ConductSettingsView | null>(null);
  useEffect(() => {
    if (settings.data && !form) setForm(settings.data);
  }, [settings.data, form]);
  if (settings.isPending || !form) return <Loader size="sm" />;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form);
      }}
    >
      <Stack maw={420}>
        <NumberInput
          label={t("conduct.settings.halfLife")}
          min={1}
          max={3650}
          value={form.halfLifeDays}
          onChange={(v) => setForm({ ...form, halfLifeDays: Number(v) })}
        />
        <NumberInput
          label={t("conduct.settings.threshold")}
          min={0.1}
          step={0.5}
          decimalScale={2}
          value={form.reviewThreshold}
          onChange={(v) => setForm({ ...form, reviewThreshold: Number(v) })}
        />
        <Checkbox
          label={t("conduct.settings.frustration")}
          checked={form.frustrationRaisesPriority}
          onChange={(e) => setForm({ ...form, frustrationRaisesPriority: e.currentTarget.checked })}
        />
        {save.isError && <Alert color="red">{save.error.message}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("conduct.settings.save")}
          </Button>
          {save.isSuccess && <Text c="green">{t("conduct.settings.saved")}</Text>}
        </Group>
      </Stack>
    </form>
  );
}
