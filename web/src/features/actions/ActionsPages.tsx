import { useLocation } from "react-router";
import { ActionsAdminPage } from "./ActionsAdminPage.tsx";
import { ApprovalsPage } from "./ApprovalsPage.tsx";

/**
 * Both actions screens behind one lazy route entry: each import() in the first load carries
 * its chunk's list of dependencies, and the inbox's budget had no room for two.
 */
export function ActionsPages() {
  return useLocation().pathname.startsWith("/app/approvals") ? <ApprovalsPage /> : <ActionsAdminPage />;
}
