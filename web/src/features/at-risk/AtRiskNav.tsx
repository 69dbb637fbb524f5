import { NavLink } from "@mantine/core";
import { IconHeartbeat } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useAtRiskText } from "./atRiskText.ts";

/** The "At-risk customers" nav entry, looking like the frame's own (AppFrame's Item); staff only. */
export function AtRiskNav(props: { onNavigate: () => void }) {
  const { t } = useAtRiskText();
  const { pathname } = useLocation();
  const staff = !!useMe().data?.permissions.includes("cases.read");
  if (!staff) return null;
  const to = "/app/at-risk";
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("atRisk.nav")}
      leftSection={<IconHeartbeat size={18} stroke={1.7} aria-hidden />}
      active={pathname === to}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
