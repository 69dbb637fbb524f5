import { NavLink } from "@mantine/core";
import { IconMessageChatbot } from "@tabler/icons-react";
import { Link, useLocation, useNavigate } from "react-router";
import { useMe } from "../auth/session.ts";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { playChime, showDesktop } from "./alerts.ts";
import { useChatText } from "./chatText.ts";

/** Settings → Chat, looking like the frame's own entries; every agent has "My chat" there. */
function ChatNav(props: { onNavigate: () => void }) {
  const { t } = useChatText();
  const { pathname } = useLocation();
  const to = "/app/settings/chat";
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("chat.nav")}
      leftSection={<IconMessageChatbot size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}

/** A new chat anywhere in the workspace: a chime, and a desktop notification if turned on. */
function NewChatAlerts() {
  const { t } = useChatText();
  const navigate = useNavigate();
  useRealtimeEvent((event) => {
    if (event.type !== "chat.status" || event.change !== "started") return;
    playChime();
    showDesktop(t("chat.alerts.newChat"), t("chat.alerts.newChatBody"), () =>
      navigate(`/app/cases/${event.caseId}`),
    );
  });
  return null;
}

export default function ChatFrame(props: { where: "settings" | "alerts"; onNavigate?: () => void }) {
  const works = useMe().data?.permissions.includes("cases.work") ?? false;
  if (!works) return null;
  return props.where === "alerts" ? (
    <NewChatAlerts />
  ) : (
    <ChatNav onNavigate={props.onNavigate ?? (() => {})} />
  );
}
