import { Badge, Button, Group, Skeleton, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFingerprint } from "@tabler/icons-react";
import { useState } from "react";
import { ProfileSection } from "../settings/ProfilePage.tsx";
import { useAddPasskey, usePasskeys, useRemovePasskey } from "./passkeyApi.ts";
import { useSecurityText } from "./securityText.ts";
import { ErrorAlert } from "./TwoFactorEnrolment.tsx";

/**
 * The profile page's passkeys (issue #23): the list (name, when added), "Add a passkey" (the
 * browser asks the authenticator; the WebAuthn code is loaded on that click), and removal.
 */
export function PasskeysSection() {
  const { t, i18n } = useSecurityText();
  const passkeys = usePasskeys();
  const add = useAddPasskey();
  const remove = useRemovePasskey();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(new Date(iso)) : "";
  const notify = (message: string) =>
    notifications.show({ closeButtonProps: { "aria-label": t("common.close") }, message, color: "teal" });

  const addOne = async () => {
    setError(null);
    const result = await add.mutateAsync(name.trim() || t("security.passkeys.defaultName"));
    if (result.ok) {
      setName("");
      notify(t("security.passkeys.added"));
    } else if (result.code === "ERROR_CEREMONY_ABORTED" || result.code === "AUTH_CANCELLED") {
      setError(t("security.passkeys.cancelled"));
    } else {
      setError(t("security.passkeys.addFailed", { message: result.message ?? result.code ?? "" }));
    }
  };

  return (
    <ProfileSection id="profile-passkeys" title={t("security.passkeys.title")}>
      <Text size="sm" c="dimmed">
        {t("security.passkeys.intro")}
      </Text>
      {passkeys.error && (
        <ErrorAlert message={t("security.passkeys.loadError", { message: passkeys.error.message })} />
      )}
      {!passkeys.data ? (
        !passkeys.error && <Skeleton h={60} />
      ) : passkeys.data.items.length === 0 ? (
        <Text size="sm">{t("security.passkeys.none")}</Text>
      ) : (
        <Table aria-label={t("security.passkeys.listLabel")} data-testid="passkeys-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("security.passkeys.name")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("security.passkeys.remove")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {passkeys.data.items.map((p) => {
              const label = p.name ?? p.authenticator ?? t("security.passkeys.unnamed");
              return (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Text size="sm" fw={500}>
                          {label}
                        </Text>
                        {p.backedUp && (
                          <Badge size="sm" variant="light">
                            {t("security.passkeys.synced")}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {[p.authenticator, t("security.passkeys.created", { date: date(p.createdAt) })]
                          .filter(Boolean)
                          .join(" · ")}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="light"
                      color="red"
                      aria-label={t("security.passkeys.removeLabel", { name: label })}
                      loading={remove.isPending && remove.variables === p.id}
                      onClick={async () => {
                        await remove.mutateAsync(p.id);
                        notify(t("security.passkeys.removed"));
                      }}
                    >
                      {t("security.passkeys.remove")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert message={error} />
      <Group align="flex-end">
        <TextInput
          label={t("security.passkeys.name")}
          description={t("security.passkeys.nameHint")}
          placeholder={t("security.passkeys.defaultName")}
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button
          leftSection={<IconFingerprint size={18} aria-hidden />}
          loading={add.isPending}
          onClick={() => void addOne()}
        >
          {t("security.passkeys.add")}
        </Button>
      </Group>
    </ProfileSection>
  );
}
