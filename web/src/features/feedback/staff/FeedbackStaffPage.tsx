import { Stack, Tabs } from "@mantine/core";
import type { ReactNode } from "react";
import { useSearchParams } from "react-router";
import { PageTitle } from "../../../ui/PageTitle.tsx";
import { useMe } from "../../auth/session.ts";
import { BoardsTab } from "./BoardsTab.tsx";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";
import { IdeasTab } from "./IdeasTab.tsx";
import { PrioritiesTab } from "./PrioritiesTab.tsx";
import { ThemesTab } from "./ThemesTab.tsx";

const TABS = ["ideas", "priorities", "themes", "boards"] as const;
type Tab = (typeof TABS)[number];

/**
 * The feedback portal's staff side (issue #17): triage ideas (feedback.triage), rank them by a
 * score whose every term is shown, watch complaint themes, and — for feedback.manage — boards
 * and settings. The tab is in the URL (?tab=), the open idea too (?idea=), so both can be shared.
 */
export function FeedbackStaffPage() {
  const { t } = useFeedbackStaffText();
  const permissions = useMe().data?.permissions ?? [];
  const shown = TABS.filter((tab) => tab !== "boards" || permissions.includes("feedback.manage"));
  const [params, setParams] = useSearchParams();
  const asked = params.get("tab") as Tab | null;
  const tab: Tab = asked && shown.includes(asked) ? asked : "ideas";
  const panel: Record<Tab, ReactNode> = {
    ideas: <IdeasTab />,
    priorities: <PrioritiesTab />,
    themes: <ThemesTab />,
    boards: <BoardsTab />,
  };

  return (
    <Stack gap="lg">
      <PageTitle>{t("feedbackStaff.title")}</PageTitle>
      <Tabs
        value={tab}
        onChange={(next) => setParams(next && next !== "ideas" ? { tab: next } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("feedbackStaff.tabsLabel")}>
          {shown.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t(`feedbackStaff.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {shown.map((key) => (
          <Tabs.Panel key={key} value={key} pt="md">
            {panel[key]}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
