import { NavLink } from "@mantine/core";
import { IconShieldHalf } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useConductSettings } from "./conductApi.ts";
import { useConductText } from "./conductText.ts";

/**
 * "Conduct", for managers only: admins, and team leads (whom /api/v1/me does not name, so the
 * settings read, which answers 403 to anyone else, tells).
 */
export function ConductNav(props: { onNavigate: () => void }) {
  const { t } = useConductText();
  const { pathname } = useLocation();
  const me = useMe().data;
  const admin = me?.permissions.includes("team.manage") ?? false;
  const staff = me?.permissions.includes("cases.read") ?? false;
  const probe = useConductSettings(staff && !admin);
  if (!admin && !probe.isSuccess) return null;
  const to = "/app/conduct";
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("conduct.nav")}
      leftSection={<IconShieldHalf size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
