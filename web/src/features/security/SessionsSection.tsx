import { Badge, Button, Skeleton, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { ProfileSection } from "../settings/ProfilePage.tsx";
import { useRevokeSession, useSessions } from "./securityApi.ts";
import { useSecurityText } from "./securityText.ts";
import { ErrorAlert } from "./TwoFactorEnrolment.tsx";

/** The profile page's list of active sessions, each of which can be signed out. */
export function SessionsSection() {
  const { t, i18n } = useSecurityText();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  return (
    <ProfileSection id="profile-sessions" title={t("security.sessions.title")}>
      <Text size="sm" c="dimmed">
        {t("security.sessions.intro")}
      </Text>
      {sessions.error && (
        <ErrorAlert message={t("security.sessions.loadError", { message: sessions.error.message })} />
      )}
      {!sessions.data ? (
        !sessions.error && <Skeleton h={80} />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("security.sessions.device")}</Table.Th>
                <Table.Th>{t("security.sessions.ip")}</Table.Th>
                <Table.Th>{t("security.sessions.lastSeen")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("security.sessions.signOut")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {s.device}{" "}
                    {s.current && (
                      <Badge size="sm" variant="light">
                        {t("security.sessions.thisDevice")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{s.ipAddress ?? t("security.sessions.unknownIp")}</Table.Td>
                  <Table.Td>{when(s.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    {!s.current && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        aria-label={`${t("security.sessions.signOut")}: ${s.device}, ${s.ipAddress ?? ""}`}
                        loading={revoke.isPending && revoke.variables === s.id}
                        onClick={async () => {
                          await revoke.mutateAsync(s.id);
                          notifications.show({
                            closeButtonProps: { "aria-label": t("common.close") },
                            message: t("security.sessions.signedOut"),
                            color: "teal",
                          });
                        }}
                      >
                        {t("security.sessions.signOut")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ProfileSection>
  );
}
