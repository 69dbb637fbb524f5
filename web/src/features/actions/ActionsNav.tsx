import { Badge, NavLink, VisuallyHidden } from "@mantine/core";
import { IconBolt, IconChecklist } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { useApprovals } from "./actionsApi.ts";
import { useActionsText } from "./actionsText.ts";

/**
 * A nav entry of the actions feature, looking like the frame's own (AppFrame's Item): Approvals
 * (deciders, with the count waiting) or, under Settings, Actions (admins).
 */
export function ActionsNav(props: { where: "approvals" | "settings"; onNavigate: () => void }) {
  const { t } = useActionsText();
  const { pathname } = useLocation();
  const approvals = props.where === "approvals";
  const permissions = useMe().data?.permissions ?? [];
  const decider = permissions.includes(approvals ? "approvals.decide" : "actions.manage");
  // Team leads decide for their team's cases without the permission: the queue answers them.
  const pending = useApprovals("pending", approvals && (decider || permissions.includes("actions.run")));
  const allowed = decider || (approvals && pending.isSuccess);
  const to = approvals ? "/app/approvals" : "/app/settings/actions";
  const active = pathname === to || pathname.startsWith(`${to}/`);
  const count = pending.data?.items.length ?? 0;
  const Icon = approvals ? IconChecklist : IconBolt;
  if (!allowed) return null;
  return (
    <NavLink
      component={Link}
      to={to}
      label={approvals ? t("actions.approvalsNav") : t("actions.nav")}
      leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
      rightSection={
        approvals && count > 0 ? (
          <>
            <Badge size="sm" circle={count < 10} color="grape" variant="light" aria-hidden>
              {count}
            </Badge>
            <VisuallyHidden>{t("actions.approvalsCount", { count })}</VisuallyHidden>
          </>
        ) : undefined
      }
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
