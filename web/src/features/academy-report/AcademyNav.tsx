import { NavLink } from "@mantine/core";
import { IconRoute, IconSchool } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useAcademyReportText } from "./academyReportText.ts";

/** "Academy report" and "Learning paths", looking like the frame's own entries; for academy staff. */
export function AcademyReportNav(props: { onNavigate: () => void }) {
  const { t } = useAcademyReportText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("academy.manage") ?? false;
  if (!allowed) return null;
  const entries = [
    { to: "/app/academy/report", label: t("academyReport.nav"), Icon: IconSchool },
    { to: "/app/academy/paths", label: t("academyReport.navPaths"), Icon: IconRoute },
  ];
  return entries.map(({ to, label, Icon }) => {
    const active = pathname === to || pathname.startsWith(`${to}/`);
    return (
      <NavLink
        key={to}
        component={Link}
        to={to}
        label={label}
        leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
        active={active}
        aria-current={active ? "page" : undefined}
        onClick={props.onNavigate}
        style={{ borderRadius: 8 }}
      />
    );
  });
}
