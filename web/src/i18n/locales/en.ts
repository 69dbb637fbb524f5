import type { academyAdminText } from "../../features/academy-admin/academyAdminText.ts";
import type { academyLearnText } from "../../features/academy-learn/academyLearnText.ts";
import type { academyPathsText } from "../../features/academy-paths/academyPathsText.ts";
import type { academyPublicText } from "../../features/academy-public/academyPublicText.ts";
import type { academyReportText } from "../../features/academy-report/academyReportText.ts";
import type { academySessionsText } from "../../features/academy-sessions/sessionsText.ts";
import type { academySupportText } from "../../features/academy-support/academySupportText.ts";
import type { actionsText } from "../../features/actions/actionsText.ts";
import type { atRiskText } from "../../features/at-risk/atRiskText.ts";
import type { auditText } from "../../features/audit/auditText.ts";
import type { caseLinksText } from "../../features/case-links/caseLinksText.ts";
import type { channelsText } from "../../features/channels/channelsText.ts";
import type { chatText } from "../../features/chat/chatText.ts";
import type { conductText } from "../../features/conduct/conductText.ts";
import type { shieldText } from "../../features/conduct-shield/shieldText.ts";
import type { feedbackStaff } from "../../features/feedback/staff/feedbackStaffText.ts";
import type { agentHome } from "../../features/home/homeText.ts";
import type { importsText } from "../../features/imports/importsText.ts";
import type { notificationsText } from "../../features/notifications/notificationsText.ts";
import type { privacyText } from "../../features/privacy/privacyText.ts";
import type { exportText } from "../../features/privacy-export/exportText.ts";
import type { profilesText } from "../../features/profiles/profilesText.ts";
import type { reportsText } from "../../features/reports/reportsText.ts";
import type { retentionText } from "../../features/retention/retentionText.ts";
import type { routingText } from "../../features/routing/routingText.ts";
import type { securityText } from "../../features/security/securityText.ts";
import type { slaAdmin } from "../../features/sla/slaText.ts";
import type { snippetsManageText } from "../../features/snippets/snippetsManageText.ts";
import type { snippetsText } from "../../features/snippets/snippetsText.ts";
import type { ssoText } from "../../features/sso/ssoText.ts";
import type { surveysText } from "../../features/surveys/surveysText.ts";
import type { teamLeadText } from "../../features/team/teamLeadText.ts";
import { admin } from "./en/admin.ts";
import { agent } from "./en/agent.ts";
import { caseMoves } from "./en/caseMoves.ts";
import type { communityExtras } from "./en/communityExtras.ts";
import type { communityPublic } from "./en/communityPublic.ts";
import type { communityStaff } from "./en/communityStaff.ts";
import { composer } from "./en/composer.ts";
import { core } from "./en/core.ts";
import { customers } from "./en/customers.ts";
import { diagnostics } from "./en/diagnostics.ts";
import { email } from "./en/email.ts";
import { escalations } from "./en/escalations.ts";
import type { help } from "./en/help.ts";
import { playbooks } from "./en/playbooks.ts";
import type { playbooksEditor } from "./en/playbooksEditor.ts";
import { portal } from "./en/portal.ts";
import type { problems } from "./en/problems.ts";
import { settings } from "./en/settings.ts";
import type { timelineLater } from "./en/timelineLater.ts";

/**
 * English UI text, grouped by feature (one file per area under ./en/). Every other locale
 * mirrors this shape.
 */
export const en = {
  ...core,
  ...agent,
  ...caseMoves,
  ...composer,
  ...customers,
  ...diagnostics,
  ...email,
  ...escalations,
  ...playbooks,
  ...admin,
  ...portal,
  ...settings,
};

/**
 * The problems' and the help center's text (./en/problems.ts, ./en/help.ts) is typed here
 * but not bundled in `en`: their pages add it when they load (features/problems/problemsText.ts,
 * features/help/helpText.ts), keeping it out of the inbox's first load.
 */
export type Resources = typeof en &
  typeof problems &
  typeof help &
  typeof communityStaff &
  typeof communityPublic &
  typeof communityExtras &
  typeof feedbackStaff &
  typeof actionsText &
  typeof snippetsText &
  typeof profilesText &
  typeof playbooksEditor &
  typeof routingText &
  typeof slaAdmin &
  typeof surveysText &
  typeof agentHome &
  typeof snippetsManageText &
  typeof teamLeadText &
  typeof notificationsText &
  typeof atRiskText &
  typeof retentionText &
  typeof privacyText &
  typeof reportsText &
  typeof caseLinksText &
  typeof conductText &
  typeof shieldText &
  typeof academyLearnText &
  typeof timelineLater &
  typeof academyPublicText &
  typeof academySupportText &
  typeof academyReportText &
  typeof academyPathsText &
  typeof academySessionsText &
  typeof academyAdminText &
  typeof channelsText &
  typeof chatText &
  typeof securityText &
  typeof auditText &
  typeof exportText &
  typeof ssoText &
  typeof importsText;
