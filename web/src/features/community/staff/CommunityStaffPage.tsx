import { Alert, Loader, Stack, Tabs } from "@mantine/core";
import type { ReactNode } from "react";
import { useSearchParams } from "react-router";
import { PageTitle } from "../../../ui/PageTitle.tsx";
import { useMe } from "../../auth/session.ts";
import { BadgesTab } from "./BadgesTab.tsx";
import { CategoriesTab } from "./CategoriesTab.tsx";
import { useCommunityStaffText } from "./communityStaffText.ts";
import { MvpTab } from "./MvpTab.tsx";
import { ReviewQueueTab } from "./ReviewQueueTab.tsx";
import { SettingsTab } from "./SettingsTab.tsx";

const TABS = ["review", "categories", "mvp", "badges", "settings"] as const;
type Tab = (typeof TABS)[number];
// Moderators review; categories, MVP, badges and point values are community.manage's.
const MANAGE_TABS: Tab[] = ["categories", "mvp", "badges", "settings"];

/** The community's staff side: moderation, categories, the MVP program, badges and settings. */
export function CommunityStaffPage() {
  const { t } = useCommunityStaffText();
  const permissions = useMe().data?.permissions ?? [];
  const canManage = permissions.includes("community.manage");
  const shown = TABS.filter((tab) => canManage || !MANAGE_TABS.includes(tab));
  const [params, setParams] = useSearchParams();
  const asked = params.get("tab") as Tab | null;
  const tab: Tab = asked && shown.includes(asked) ? asked : "review";
  const label: Record<Tab, string> = {
    review: t("communityStaff.tabs.review"),
    categories: t("communityStaff.tabs.categories"),
    mvp: t("communityStaff.tabs.mvp"),
    badges: t("communityStaff.tabs.badges"),
    settings: t("communityStaff.tabs.settings"),
  };
  const panel: Record<Tab, ReactNode> = {
    review: <ReviewQueueTab />,
    categories: <CategoriesTab />,
    mvp: <MvpTab />,
    badges: <BadgesTab />,
    settings: <SettingsTab />,
  };

  return (
    <Stack gap="lg">
      <PageTitle>{t("communityStaff.title")}</PageTitle>
      <Tabs
        value={tab}
        onChange={(next) => setParams(next && next !== "review" ? { tab: next } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("communityStaff.tabsLabel")}>
          {shown.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {label[key]}
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

/** Loading, an error (the other parts' routes may not be there yet), or the content. */
export function Loaded<T>(props: {
  query: { isPending: boolean; isError: boolean; error: Error | null; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  const { t } = useCommunityStaffText();
  if (props.query.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (props.query.isError || props.query.data === undefined)
    return (
      <Alert color="red" role="alert">
        {t("communityStaff.loadError", { message: props.query.error?.message ?? "" })}
      </Alert>
    );
  return <>{props.children(props.query.data)}</>;
}
