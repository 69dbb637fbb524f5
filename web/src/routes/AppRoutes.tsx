import { Navigate, Outlet, Route, Routes } from "react-router";
import { AppFrame } from "../features/app-shell/AppFrame.tsx";
import { RequireSession } from "../features/app-shell/guards.tsx";
import { PortalFrame } from "../features/portal/PortalFrame.tsx";
import { PublicHome } from "../features/public/PublicHome.tsx";
import { LocaleSync } from "./LocaleSync.tsx";
import { lazyPage } from "./lazyPage.tsx";
import { NewRequestRedirect } from "./NewRequestRedirect.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

// Each page is its own chunk (see lazyPage.tsx); the frames and the server-rendered pages are not.
const LoginPage = lazyPage(() => import("../features/auth/LoginPage.tsx"), "LoginPage");
const PortalLoginPage = lazyPage(() => import("../features/auth/PortalLoginPage.tsx"), "PortalLoginPage");
const ActionsPages = lazyPage(() => import("../features/actions/ActionsPages.tsx"), "ActionsPages");
const CasePage = lazyPage(() => import("../features/cases/CasePage.tsx"), "CasePage");
const CommunityStaffPage = lazyPage(
  () => import("../features/community/staff/CommunityStaffPage.tsx"),
  "CommunityStaffPage",
);
const FeedbackStaffPage = lazyPage(
  () => import("../features/feedback/staff/FeedbackStaffPage.tsx"),
  "FeedbackStaffPage",
);
const CustomerPage = lazyPage(() => import("../features/customers/CustomerPage.tsx"), "CustomerPage");
const CustomersPage = lazyPage(() => import("../features/customers/CustomersPage.tsx"), "CustomersPage");
const DevicePage = lazyPage(() => import("../features/diagnostics/DevicePage.tsx"), "DevicePage");
const EmailSettingsPage = lazyPage(
  () => import("../features/email/EmailSettingsPage.tsx"),
  "EmailSettingsPage",
);
const AppHome = lazyPage(() => import("../features/escalations/AppHome.tsx"), "AppHome");
const EscalationPage = lazyPage(() => import("../features/escalations/EscalationPage.tsx"), "EscalationPage");
const EscalationQueuePage = lazyPage(
  () => import("../features/escalations/EscalationQueuePage.tsx"),
  "EscalationQueuePage",
);
const HelpArticlesPage = lazyPage(() => import("../features/help/HelpArticlesPage.tsx"), "HelpArticlesPage");
const HelpAnalyticsPage = lazyPage(
  () => import("../features/help/HelpAnalyticsPage.tsx"),
  "HelpAnalyticsPage",
);
const ArticleEditorPage = lazyPage(
  () => import("../features/help/ArticleEditorPage.tsx"),
  "ArticleEditorPage",
);
const AgentHomePage = lazyPage(() => import("../features/home/AgentHomePage.tsx"), "AgentHomePage");
const AuditLogPage = lazyPage(() => import("../features/audit/AuditLogPage.tsx"), "AuditLogPage");
const RetentionPage = lazyPage(() => import("../features/retention/RetentionPage.tsx"), "RetentionPage");
const SsoSettingsPage = lazyPage(() => import("../features/sso/SsoSettingsPage.tsx"), "SsoSettingsPage");
const ConductPage = lazyPage(() => import("../features/conduct/ConductPage.tsx"), "ConductPage");
const CustomerConductPage = lazyPage(
  () => import("../features/conduct/CustomerConductPage.tsx"),
  "CustomerConductPage",
);
const SurveysPage = lazyPage(() => import("../features/surveys/SurveysPage.tsx"), "SurveysPage");
const ReportsPage = lazyPage(() => import("../features/reports/ReportsPage.tsx"), "ReportsPage");
const ReportCasesPage = lazyPage(() => import("../features/reports/ReportCasesPage.tsx"), "ReportCasesPage");
const SlaSettingsPage = lazyPage(() => import("../features/sla/SlaSettingsPage.tsx"), "SlaSettingsPage");
const ChatSettingsPages = lazyPage(() => import("../features/chat/entry.tsx"), "ChatSettingsDoor");
const InboxPage = lazyPage(() => import("../features/inbox/InboxPage.tsx"), "InboxPage");
const AcceptInvitePage = lazyPage(
  () => import("../features/invite/AcceptInvitePage.tsx"),
  "AcceptInvitePage",
);
const PlaybookEditorPage = lazyPage(
  () => import("../features/playbooks/PlaybookEditorPage.tsx"),
  "PlaybookEditorPage",
);
const PlaybooksPage = lazyPage(() => import("../features/playbooks/PlaybooksPage.tsx"), "PlaybooksPage");
const PortalHelpPage = lazyPage(() => import("../features/playbooks/PortalHelpPage.tsx"), "PortalHelpPage");
const MyRequestsPage = lazyPage(() => import("../features/portal/MyRequestsPage.tsx"), "MyRequestsPage");
const NewRequestPage = lazyPage(() => import("../features/portal/NewRequestPage.tsx"), "NewRequestPage");
const RequestPage = lazyPage(() => import("../features/portal/RequestPage.tsx"), "RequestPage");
const AcademyLearnPages = lazyPage(
  () => import("../features/academy-learn/AcademyLearnPages.tsx"),
  "AcademyLearnPages",
);
const ProblemsPage = lazyPage(() => import("../features/problems/ProblemsPage.tsx"), "ProblemsPage");
const ProblemPage = lazyPage(() => import("../features/problems/ProblemPage.tsx"), "ProblemPage");
const EmergingPage = lazyPage(() => import("../features/problems/EmergingPage.tsx"), "EmergingPage");
const AcademyAdminPages = lazyPage(
  () => import("../features/academy-admin/AcademyAdminPages.tsx"),
  "AcademyAdminPages",
);
// Server-rendered too: the server's prerender waits for this chunk (entry-server.tsx).
const HelpCenter = lazyPage(() => import("../features/help/HelpCenter.tsx"), "HelpCenter");
const CommunityPages = lazyPage(
  () => import("../features/community/public/CommunityPages.tsx"),
  "CommunityPages",
);
const FeedbackPages = lazyPage(
  () => import("../features/feedback/public/FeedbackPages.tsx"),
  "FeedbackPages",
);
const AcademyPublic = lazyPage(
  () => import("../features/academy-public/AcademyPublicRoutes.tsx"),
  "AcademyPublicRoutes",
);
const SetupPage = lazyPage(() => import("../features/setup/SetupPage.tsx"), "SetupPage");
const TeamPage = lazyPage(() => import("../features/team/TeamPage.tsx"), "TeamPage");
const TokensPage = lazyPage(() => import("../features/tokens/TokensPage.tsx"), "TokensPage");
const WebhooksPage = lazyPage(() => import("../features/webhooks/WebhooksPage.tsx"), "WebhooksPage");
const DataRetentionPage = lazyPage(
  () => import("../features/privacy/DataRetentionPage.tsx"),
  "DataRetentionPage",
);
const ChannelsPage = lazyPage(() => import("../features/channels/ChannelsPage.tsx"), "ChannelsPage");
const AtRiskPage = lazyPage(() => import("../features/at-risk/AtRiskPage.tsx"), "AtRiskPage");
const RoutingPage = lazyPage(() => import("../features/routing/RoutingPage.tsx"), "RoutingPage");
const ProfilePage = lazyPage(() => import("../features/settings/ProfilePage.tsx"), "ProfilePage");
const ImportPage = lazyPage(() => import("../features/imports/ImportPage.tsx"), "ImportPage");
const WorkspaceSettingsPage = lazyPage(
  () => import("../features/settings/WorkspaceSettingsPage.tsx"),
  "WorkspaceSettingsPage",
);

/**
 * Every page. The same tree renders on the server ("/", the help center and 404 are
 * server-rendered) and in the browser.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route index element={<PublicHome />} />
      <Route path="help/*" element={<HelpCenter />} />
      <Route path="community/*" element={<CommunityPages />} />
      <Route path="feedback/*" element={<FeedbackPages />} />
      <Route path="academy/*" element={<AcademyPublic />} />
      <Route path="setup" element={<SetupPage />} />
      <Route path="login" element={<LoginPage />} />
      <Route path="portal/login" element={<PortalLoginPage />} />
      <Route path="invite/:token" element={<AcceptInvitePage />} />
      <Route
        path="app"
        element={
          <RequireSession area="app">
            {(me) => (
              <>
                <LocaleSync locale={me.locale} />
                <AppFrame me={me} />
              </>
            )}
          </RequireSession>
        }
      >
        <Route index element={<AppHome />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="home" element={<AgentHomePage />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="at-risk" element={<AtRiskPage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="devices/:deviceId" element={<DevicePage />} />
        <Route path="playbooks" element={<PlaybooksPage />} />
        <Route path="playbooks/:id" element={<PlaybookEditorPage />} />
        <Route path="approvals" element={<ActionsPages />} />
        <Route path="escalations" element={<EscalationQueuePage />} />
        <Route path="escalations/:id" element={<EscalationPage />} />
        <Route path="problems" element={<ProblemsPage />} />
        <Route path="problems/emerging" element={<EmergingPage />} />
        <Route path="problems/:id" element={<ProblemPage />} />
        <Route path="community" element={<CommunityStaffPage />} />
        <Route path="feedback" element={<FeedbackStaffPage />} />
        <Route path="retention" element={<RetentionPage />} />
        <Route path="conduct" element={<ConductPage />} />
        <Route path="conduct/customers/:id" element={<CustomerConductPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="reports/:metric/cases" element={<ReportCasesPage />} />
        <Route path="help" element={<HelpArticlesPage />} />
        <Route path="help/analytics" element={<HelpAnalyticsPage />} />
        <Route path="help/new" element={<ArticleEditorPage />} />
        <Route path="help/:id" element={<ArticleEditorPage />} />
        <Route path="academy/*" element={<AcademyAdminPages />} />
        <Route path="surveys" element={<SurveysPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="settings" element={<Outlet />}>
          <Route index element={<Navigate to="tokens" replace />} />
          <Route path="tokens" element={<TokensPage />} />
          <Route path="workspace" element={<WorkspaceSettingsPage />} />
          <Route path="team" element={<TeamPage />} />
          <Route path="routing" element={<RoutingPage />} />
          <Route path="email" element={<EmailSettingsPage />} />
          <Route path="webhooks" element={<WebhooksPage />} />
          <Route path="channels" element={<ChannelsPage />} />
          <Route path="actions" element={<ActionsPages />} />
          <Route path="sla" element={<SlaSettingsPage />} />
          <Route path="chat/*" element={<ChatSettingsPages />} />
          <Route path="audit" element={<AuditLogPage />} />
          <Route path="data-retention" element={<DataRetentionPage />} />
          <Route path="sso" element={<SsoSettingsPage />} />
          <Route path="import" element={<ImportPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route
        path="portal"
        element={
          <RequireSession area="portal">
            {(me) => (
              <>
                <LocaleSync locale={me.locale} />
                <PortalFrame me={me} />
              </>
            )}
          </RequireSession>
        }
      >
        <Route index element={<MyRequestsPage />} />
        <Route path="requests/new" element={<NewRequestPage />} />
        <Route path="new" element={<NewRequestRedirect />} />
        <Route path="requests/:id" element={<RequestPage />} />
        <Route path="help/:slug" element={<PortalHelpPage />} />
        <Route path="academy/*" element={<AcademyLearnPages />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
