import { Stack, Tabs } from "@mantine/core";
import { useSearchParams } from "react-router";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { FollowUpsPanel } from "./FollowUpsPanel.tsx";
import { ResultsPanel } from "./ResultsPanel.tsx";
import { SettingsPanel } from "./SettingsPanel.tsx";
import { useSurveysText } from "./surveysText.ts";

/** /app/surveys (a lazy route): follow-ups for leads, results per agent and team, admin settings. */
export function SurveysPage() {
  const { t } = useSurveysText();
  const me = useMe();
  const admin = me.data?.permissions.includes("workspace.manage") ?? false;
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "follow-ups";
  return (
    <Stack gap="lg">
      <PageTitle>{t("surveys.title")}</PageTitle>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== "follow-ups" ? { tab: v } : {})}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("surveys.tabsLabel")}>
          <Tabs.Tab value="follow-ups">{t("surveys.tabs.followUps")}</Tabs.Tab>
          <Tabs.Tab value="results">{t("surveys.tabs.results")}</Tabs.Tab>
          {admin && <Tabs.Tab value="settings">{t("surveys.tabs.settings")}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="follow-ups" pt="md">
          <FollowUpsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="md">
          <ResultsPanel />
        </Tabs.Panel>
        {admin && (
          <Tabs.Panel value="settings" pt="md">
            <SettingsPanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
