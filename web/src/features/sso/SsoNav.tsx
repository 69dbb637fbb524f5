import { NavLink } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useSsoText } from "./ssoText.ts";

/** Settings → "Single sign-on", looking like the frame's own entries; admins only. */
export function SsoNav(props: { onNavigate: () => void }) {
  const { t } = useSsoText();
  const { pathname } = useLocation();
  const allowed = useMe().data?.permissions.includes("workspace.manage") ?? false;
  if (!allowed) return null;
  const to = "/app/settings/sso";
  const active = pathname === to;
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("sso.nav")}
      leftSection={<IconKey size={18} stroke={1.7} aria-hidden />}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
