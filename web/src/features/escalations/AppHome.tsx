import { Navigate } from "react-router";
import { useMe } from "../auth/session.ts";

/** Where /app lands: engineers (who read but do not work cases) on their escalation queue, others in the inbox. */
export function AppHome() {
  const me = useMe();
  const permissions = me.data?.permissions ?? [];
  const engineer = permissions.includes("escalations.work") && !permissions.includes("cases.work");
  return <Navigate to={engineer ? "escalations" : "inbox"} replace />;
}
