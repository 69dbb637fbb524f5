import { Stack, Tabs } from "@mantine/core";
import { useSearchParams } from "react-router";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { BusinessHoursPanel } from "./BusinessHoursPanel.tsx";
import { SlaPoliciesPanel } from "./SlaPoliciesPanel.tsx";
import { SlaReportPanel } from "./SlaReportPanel.tsx";
import { useSlaText } from "./slaText.ts";

/** Settings → Hours & SLAs: business hours, SLA policies and the attainment report (a lazy route). */
export function SlaSettingsPage() {
  const { t } = useSlaText();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "hours";
  return (
    <Stack gap="lg">
      <PageTitle>{t("slaAdmin.title")}</PageTitle>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== "hours" ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List aria-label={t("slaAdmin.tabsLabel")}>
          <Tabs.Tab value="hours">{t("slaAdmin.tabs.hours")}</Tabs.Tab>
          <Tabs.Tab value="policies">{t("slaAdmin.tabs.policies")}</Tabs.Tab>
          <Tabs.Tab value="report">{t("slaAdmin.tabs.report")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="hours" pt="md">
          <BusinessHoursPanel />
        </Tabs.Panel>
        <Tabs.Panel value="policies" pt="md">
          <SlaPoliciesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <SlaReportPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
