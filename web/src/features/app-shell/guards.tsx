import { Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import type { Me } from "../../../../contracts/accounts.ts";
import { isStaff, useMe } from "../auth/session.ts";

function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" component="main">
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
}

/** Renders children with the signed-in person, or sends them where they belong. */
export function RequireSession(props: { area: "app" | "portal"; children: (me: Me) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (!me.data) {
    return (
      <Navigate to={props.area === "app" ? "/login" : "/portal/login"} replace state={{ from: location }} />
    );
  }
  // Customers have no business in the agent app; staff may look at the portal.
  if (props.area === "app" && !isStaff(me.data)) return <Navigate to="/portal" replace />;
  return <>{props.children(me.data)}</>;
}
