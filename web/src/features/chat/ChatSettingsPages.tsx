import { Stack, Tabs } from "@mantine/core";
import { useLocation, useNavigate } from "react-router";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { AgentsCapacity } from "./AgentsCapacity.tsx";
import { useChatText } from "./chatText.ts";
import { MyChatSettings } from "./MyChatSettings.tsx";
import { ProactiveSettings } from "./ProactiveSettings.tsx";
import { WidgetSettings } from "./WidgetSettings.tsx";

const BASE = "/app/settings/chat";
type Tab = "me" | "widget" | "proactive" | "agents";

/**
 * Settings → Chat, one lazy route for every chat screen (each route in the first load costs
 * bytes the inbox's budget has not got): the agent's own capacity and alerts for everyone,
 * the widget and proactive messages for admins, everyone's capacity for admins and leads.
 */
export function ChatSettingsPages() {
  const { t } = useChatText();
  const me = useMe().data;
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const permissions = me?.permissions ?? [];
  const admin = permissions.includes("workspace.manage");
  const seesAgents = permissions.includes("team.manage") || Boolean(me?.leadsTeams);
  const allowed: Tab[] = [
    "me",
    ...(admin ? (["widget", "proactive"] as const) : []),
    ...(seesAgents ? (["agents"] as const) : []),
  ];
  const asked = (pathname.slice(BASE.length).replace(/^\//, "") || "me") as Tab;
  const tab: Tab = allowed.includes(asked) ? asked : "me";

  return (
    <Stack gap="md">
      <PageTitle>{t(`chat.settings.tabs.${tab}`)}</PageTitle>
      <Tabs value={tab} onChange={(v) => navigate(v === "me" ? BASE : `${BASE}/${v}`)} keepMounted={false}>
        <Tabs.List aria-label={t("chat.settings.title")}>
          {allowed.map((id) => (
            <Tabs.Tab key={id} value={id}>
              {t(`chat.settings.tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={tab} pt="md">
          {tab === "me" && <MyChatSettings />}
          {tab === "widget" && <WidgetSettings />}
          {tab === "proactive" && <ProactiveSettings />}
          {tab === "agents" && <AgentsCapacity />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
