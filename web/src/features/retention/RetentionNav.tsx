import { NavLink } from "@mantine/core";
import { IconChartLine } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useRetentionText } from "./retentionText.ts";

/** "Retention", looking like the frame's own entries; for those who manage the team. */
export function RetentionNav(props: { onNavigate: () => void }) {
  const { t } = useRetentionText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("team.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/retention";
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("retention.nav")}
      leftSection={<IconChartLine size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
