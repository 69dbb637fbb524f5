import { NavLink } from "@mantine/core";
import { IconDatabaseImport } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useImportsText } from "./importsText.ts";

/** "Import" under Settings, looking like the frame's own entries; admins only. */
export function ImportNav(props: { onNavigate: () => void }) {
  const { t } = useImportsText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("workspace.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/settings/import";
  const active = pathname === to;
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("imports.nav")}
      leftSection={<IconDatabaseImport size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
