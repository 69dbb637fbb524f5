import { NavLink } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useChannelsText } from "./channelsText.ts";

/** "Channels" under Settings, looking like the frame's own entries; for admins. */
export function ChannelsNav(props: { onNavigate: () => void }) {
  const { t } = useChannelsText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("workspace.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/settings/channels";
  const active = pathname === to;
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("channels.nav")}
      leftSection={<IconMessages size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
