import { Button, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/**
 * Without a mail relay the server hands the invitation link to the admin, who passes it on;
 * it is shown once (only its hash is stored) with a button to copy it.
 */
export function InvitationLink(props: { email: string; link: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="sm">{t("invitationLink.copyHint")}</Text>
      <Group gap="xs" wrap="nowrap">
        <TextInput
          value={props.link}
          readOnly
          aria-label={t("invitationLink.linkFor", { email: props.email })}
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1 }}
        />
        <CopyButton value={props.link}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? "light" : "filled"}
              color={copied ? "teal" : undefined}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              onClick={copy}
            >
              {copied ? t("invitationLink.copied") : t("invitationLink.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
