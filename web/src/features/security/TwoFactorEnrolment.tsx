import {
  Alert,
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useState } from "react";
import { renderSVG } from "uqr";
import type { TwoFactorEnrolment as Enrolment } from "../../../../contracts/security.ts";
import { ApiError } from "../../api/client.ts";
import { useConfirmEnrolment, useStartEnrolment } from "./securityApi.ts";
import { useSecurityText } from "./securityText.ts";

/**
 * Setting up TOTP: the password again, then the key (as a link for a phone and as text to
 * type), the recovery codes shown this once, and a code from the app to turn it on.
 * Used by the profile page and, when a role requires 2FA, right after the password sign-in.
 */
export function TwoFactorEnrolment(props: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useSecurityText();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);

  const fail = (err: unknown, field: string) =>
    setError({
      field: err instanceof ApiError && err.field ? err.field : field,
      message: err instanceof Error ? err.message : String(err),
    });

  if (!enrolment)
    return (
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            setEnrolment(await start.mutateAsync(password));
          } catch (err) {
            fail(err, "password");
          }
        }}
      >
        <Stack gap="sm" maw={420}>
          <PasswordInput
            label={t("security.twoFactor.password")}
            description={t("security.twoFactor.passwordHint")}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error?.message}
          />
          <Group>
            <Button type="submit" loading={start.isPending}>
              {t("security.twoFactor.continue")}
            </Button>
            {props.onCancel && (
              <Button variant="subtle" onClick={props.onCancel}>
                {t("security.twoFactor.cancel")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    );

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text fw={600} component="h3" size="md" m={0}>
          {t("security.twoFactor.scanTitle")}
        </Text>
        <Text size="sm" c="dimmed">
          {t("security.twoFactor.scanHint")}
        </Text>
        {/* An image, not inline SVG markup: nothing from the server is put into the page as HTML. */}
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(enrolment.otpauthUri, { pixelSize: 5 }))}`}
          alt={t("security.twoFactor.qrAlt")}
          width={180}
          height={180}
          style={{ imageRendering: "pixelated" }}
        />
        <Group gap="xs">
          <Text size="sm">{t("security.twoFactor.secretLabel")}:</Text>
          <Code data-testid="totp-secret">{enrolment.secret}</Code>
          <CopyButton value={enrolment.secret}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? t("security.twoFactor.copied") : t("security.twoFactor.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Anchor href={enrolment.otpauthUri} size="sm">
          {t("security.twoFactor.openInApp")}
        </Anchor>
      </Stack>
      <Stack gap={4}>
        <Text fw={600} component="h3" size="md" m={0}>
          {t("security.twoFactor.codesTitle")}
        </Text>
        <Text size="sm" c="dimmed">
          {t("security.twoFactor.codesHint")}
        </Text>
        <RecoveryCodes codes={enrolment.recoveryCodes} />
      </Stack>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await confirm.mutateAsync(code.trim());
            props.onDone();
          } catch (err) {
            fail(err, "code");
          }
        }}
      >
        <Stack gap="sm" maw={420}>
          <Text fw={600} component="h3" size="md" m={0}>
            {t("security.twoFactor.confirmTitle")}
          </Text>
          <TextInput
            label={t("security.twoFactor.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={error?.message}
          />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              {t("security.twoFactor.confirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

export function RecoveryCodes(props: { codes: string[] }) {
  const { t } = useSecurityText();
  return (
    <Stack gap="xs">
      <SimpleGrid
        cols={{ base: 2, sm: 5 }}
        spacing="xs"
        component="ul"
        style={{ listStyle: "none", padding: 0, margin: 0 }}
      >
        {props.codes.map((c) => (
          <li key={c}>
            <Code data-testid="recovery-code">{c}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Group>
        <CopyButton value={props.codes.join("\n")}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="light" onClick={copy}>
              {copied ? t("security.twoFactor.copied") : t("security.twoFactor.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** A failed call in words, for an inline alert. */
export function ErrorAlert(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
      {props.message}
    </Alert>
  );
}
