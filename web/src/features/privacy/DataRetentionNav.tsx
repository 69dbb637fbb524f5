import { NavLink } from "@mantine/core";
import { IconShieldLock } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { usePrivacyText } from "./privacyText.ts";

/** "Data retention" under Settings, looking like the frame's own entries; admins only. */
export function DataRetentionNav(props: { onNavigate: () => void }) {
  const { t } = usePrivacyText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("workspace.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/settings/data-retention";
  const active = pathname === to;
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("privacy.nav")}
      leftSection={<IconShieldLock size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
