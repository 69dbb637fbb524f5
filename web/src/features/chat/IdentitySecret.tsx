import { Alert, Button, Code, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { ErrorText } from "../../ui/AdminList.tsx";
import { revealSecret, rotateSecret } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";

const SIGNING_EXAMPLE = `import { createHmac } from "node:crypto";

// On your server, for the signed-in user:
const signature = createHmac("sha256", process.env.RAPPORT_IDENTITY_SECRET)
  .update(\`\${user.id}.\${(user.email ?? "").toLowerCase()}\`)
  .digest("hex");

// In the page:
Rapport.identify({ userId: user.id, email: user.email, signature });`;

/**
 * The identity secret host servers sign with: hidden until an admin reveals it, rotated only
 * after a confirmation (old signatures stop verifying at once), and how to sign with it.
 */
export function IdentitySecret() {
  const { t } = useChatText();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rotated, setRotated] = useState(false);
  const run = async (work: () => Promise<{ identitySecret: string }>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      setSecret((await work()).identitySecret);
      after?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="identity-secret-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="identity-secret-heading">
          {t("chat.widget.secret")}
        </Title>
        <Text size="sm">{t("chat.widget.secretIntro")}</Text>
        {secret && (
          <Code block tabIndex={0} data-testid="identity-secret">
            {secret}
          </Code>
        )}
        {rotated && <Alert color="teal">{t("chat.widget.rotated")}</Alert>}
        <Group gap="sm">
          {!secret && (
            <Button variant="default" loading={busy} onClick={() => void run(revealSecret)}>
              {t("chat.widget.reveal")}
            </Button>
          )}
          <Button variant="light" color="red" onClick={() => setConfirming(true)}>
            {t("chat.widget.rotate")}
          </Button>
        </Group>
        <ErrorText>{error}</ErrorText>
        <Title order={3} size="h6">
          {t("chat.widget.signing")}
        </Title>
        <Code block tabIndex={0}>
          {SIGNING_EXAMPLE}
        </Code>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("chat.widget.rotate")}
        closeButtonProps={{ "aria-label": t("chat.widget.cancel") }}
      >
        <Stack gap="md">
          <Text size="sm">{t("chat.widget.rotateConfirm")}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("chat.widget.cancel")}
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={() =>
                void run(rotateSecret, () => {
                  setConfirming(false);
                  setRotated(true);
                })
              }
            >
              {t("chat.widget.rotateYes")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
