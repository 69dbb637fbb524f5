import type { TenantScope } from "../../../platform/db/tenant.ts";
import { exportDocument } from "../../privacy/export/zip.ts";

/**
 * Everything the workspace holds about one customer, as JSON: the JSON part of the GDPR
 * export (issue #23, `privacy/export/`): profile, identities, facts, cases, messages (no
 * internal notes), snapshots, community, feedback, surveys, academy, conduct notices, chat
 * and the customer-visible timeline. The ladder's last step attaches it to the final message;
 * the files themselves come only with the full export (the zip).
 */
export async function customerDataExport(scope: TenantScope, customerId: string) {
  return exportDocument(scope.db, scope.workspaceId, customerId);
}
