import { NavLink } from "@mantine/core";
import { IconSchool } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";

/** "Academy", looking like the frame's own entries; for those who author courses. */
export function AcademyNav(props: { onNavigate: () => void }) {
  const { t } = useAcademyAdminText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("academy.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/academy";
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("academyAdmin.nav")}
      leftSection={<IconSchool size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
