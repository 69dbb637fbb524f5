import { Navigate, Outlet, Route, Routes } from "react-router";
import { AppFrame } from "../features/app-shell/AppFrame.tsx";
import { RequireSession } from "../features/app-shell/guards.tsx";
import { LoginPage } from "../features/auth/LoginPage.tsx";
import { PortalLoginPage } from "../features/auth/PortalLoginPage.tsx";
import { CasePage } from "../features/cases/CasePage.tsx";
import { CustomerPage } from "../features/customers/CustomerPage.tsx";
import { CustomersPage } from "../features/customers/CustomersPage.tsx";
import { DevicePage } from "../features/diagnostics/DevicePage.tsx";
import { EmailSettingsPage } from "../features/email/EmailSettingsPage.tsx";
import { AppHome } from "../features/escalations/AppHome.tsx";
import { EscalationPage } from "../features/escalations/EscalationPage.tsx";
import { EscalationQueuePage } from "../features/escalations/EscalationQueuePage.tsx";
import { InboxPage } from "../features/inbox/InboxPage.tsx";
import { AcceptInvitePage } from "../features/invite/AcceptInvitePage.tsx";
import { PlaybookEditorPage } from "../features/playbooks/PlaybookEditorPage.tsx";
import { PlaybooksPage } from "../features/playbooks/PlaybooksPage.tsx";
import { PortalHelpPage } from "../features/playbooks/PortalHelpPage.tsx";
import { MyRequestsPage } from "../features/portal/MyRequestsPage.tsx";
import { NewRequestPage } from "../features/portal/NewRequestPage.tsx";
import { PortalFrame } from "../features/portal/PortalFrame.tsx";
import { RequestPage } from "../features/portal/RequestPage.tsx";
import { PublicHome } from "../features/public/PublicHome.tsx";
import { ProfilePage } from "../features/settings/ProfilePage.tsx";
import { WorkspaceSettingsPage } from "../features/settings/WorkspaceSettingsPage.tsx";
import { SetupPage } from "../features/setup/SetupPage.tsx";
import { TeamPage } from "../features/team/TeamPage.tsx";
import { TokensPage } from "../features/tokens/TokensPage.tsx";
import { WebhooksPage } from "../features/webhooks/WebhooksPage.tsx";
import { LocaleSync } from "./LocaleSync.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

/** Every page. The same tree renders on the server (only "/" is server-rendered) and in the browser. */
export function AppRoutes() {
  return (
    <Routes>
      <Route index element={<PublicHome />} />
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
        <Route path="customers" element={<CustomersPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="devices/:deviceId" element={<DevicePage />} />
        <Route path="playbooks" element={<PlaybooksPage />} />
        <Route path="playbooks/:id" element={<PlaybookEditorPage />} />
        <Route path="escalations" element={<EscalationQueuePage />} />
        <Route path="escalations/:id" element={<EscalationPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="settings" element={<Outlet />}>
          <Route index element={<Navigate to="tokens" replace />} />
          <Route path="tokens" element={<TokensPage />} />
          <Route path="workspace" element={<WorkspaceSettingsPage />} />
          <Route path="team" element={<TeamPage />} />
          <Route path="email" element={<EmailSettingsPage />} />
          <Route path="webhooks" element={<WebhooksPage />} />
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
        <Route path="requests/:id" element={<RequestPage />} />
        <Route path="help/:slug" element={<PortalHelpPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
