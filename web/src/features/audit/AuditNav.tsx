import { NavLink } from "@mantine/core";
import { IconShieldCheck } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useAuditText } from "./auditText.ts";

/** "Audit log" under Settings, looking like the frame's own entries; for admins. */
export function AuditNav(props: { onNavigate: () => void }) {
  const { t } = useAuditText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("workspace.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/settings/audit";
  const active = pathname === to;
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("audit.nav")}
      leftSection={<IconShieldCheck size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
