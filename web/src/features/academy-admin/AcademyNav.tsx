import { NavLink } from "@mantine/core";
import { IconSchool } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { AcademyReportNav } from "../academy-report/AcademyNav.tsx";
import { useMe } from "../auth/session.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";

/**
 * "Academy", then "Academy report" and "Learning paths" (academy-report's entries, in this same
 * lazy chunk so the frame carries one slot), looking like the frame's own entries; for those
 * who author courses.
 */
export function AcademyNav(props: { onNavigate: () => void }) {
  const { t } = useAcademyAdminText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("academy.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/academy";
  const own = (p: string) => p === to || p.startsWith(`${to}/`);
  const active = own(pathname) && !/^\/app\/academy\/(report|paths)(\/|$)/.test(pathname);
  return (
    <>
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
      <AcademyReportNav onNavigate={props.onNavigate} />
    </>
  );
}
