import { Alert, Button, Checkbox, NumberInput, Radio, Stack, Switch, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import type { SurveySettings } from "../../../../contracts/surveys.ts";
import { ApiError } from "../../api/client.ts";
import { useSaveSurveySettings, useSurveySettings } from "./surveysApi.ts";
import { useSurveysText } from "./surveysText.ts";

/** Admins: which surveys a solved case gets, after how long, how often, and for how long answers count. */
export function SettingsPanel() {
  const { t } = useSurveysText();
  const settings = useSurveySettings();
  const save = useSaveSurveySettings();
  const [v, setV] = useState<SurveySettings | null>(null);
  useEffect(() => {
    if (settings.data) setV(settings.data);
  }, [settings.data]);
  if (settings.error)
    return <Alert color="red">{t("surveys.loadError", { message: settings.error.message })}</Alert>;
  if (!v) return null;
  const field = save.error instanceof ApiError ? save.error.field : undefined;
  const errorOf = (name: string) => (field?.startsWith(name) ? save.error?.message : undefined);
  const toggleKind = (k: "csat" | "ces", on: boolean) =>
    setV({ ...v, kinds: on ? [...new Set([...v.kinds, k])] : v.kinds.filter((x) => x !== k) });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(v);
      }}
    >
      <Stack maw={520}>
        <Switch
          label={t("surveys.settings.enabled")}
          checked={v.enabled}
          onChange={(e) => setV({ ...v, enabled: e.currentTarget.checked })}
        />
        <Checkbox
          label={t("surveys.settings.csat")}
          checked={v.kinds.includes("csat")}
          onChange={(e) => toggleKind("csat", e.currentTarget.checked)}
          error={errorOf("kinds")}
        />
        <Checkbox
          label={t("surveys.settings.ces")}
          checked={v.kinds.includes("ces")}
          onChange={(e) => toggleKind("ces", e.currentTarget.checked)}
        />
        <Radio.Group
          label={t("surveys.settings.scale")}
          value={v.csatScale}
          onChange={(s) => setV({ ...v, csatScale: s as SurveySettings["csatScale"] })}
        >
          <Stack gap={4} mt={4}>
            <Radio value="five" label={t("surveys.settings.five")} />
            <Radio value="three" label={t("surveys.settings.three")} />
          </Stack>
        </Radio.Group>
        <NumberInput
          label={t("surveys.settings.delay")}
          value={v.delayMinutes}
          min={0}
          max={43200}
          onChange={(n) => setV({ ...v, delayMinutes: Number(n) })}
          error={errorOf("delayMinutes")}
        />
        <NumberInput
          label={t("surveys.settings.throttle")}
          value={v.throttleDays}
          min={0}
          max={365}
          onChange={(n) => setV({ ...v, throttleDays: Number(n) })}
          error={errorOf("throttleDays")}
        />
        <NumberInput
          label={t("surveys.settings.window")}
          value={v.windowDays}
          min={1}
          max={365}
          onChange={(n) => setV({ ...v, windowDays: Number(n) })}
          error={errorOf("windowDays")}
        />
        {save.error && !field && <Alert color="red">{save.error.message}</Alert>}
        {save.isSuccess && <Text role="status">{t("surveys.saved")}</Text>}
        <Button type="submit" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
          {t("surveys.settings.save")}
        </Button>
      </Stack>
    </form>
  );
}
