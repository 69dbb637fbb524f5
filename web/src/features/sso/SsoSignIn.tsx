import { Alert, Button, Divider } from "@mantine/core";
import { IconAlertCircle, IconKey } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { ssoRefusalCodes } from "../../../../contracts/sso.ts";
import { useSsoStatus } from "./ssoApi.ts";
import { useSsoText } from "./ssoText.ts";

/**
 * The login page's SSO part: why an SSO attempt came back (`?sso_error=`), and the
 * "Sign in with SSO" button when this host's workspace has SSO configured. The button is a
 * plain link: the server starts the flow and redirects to the provider.
 */
export function SsoSignIn() {
  const { t } = useSsoText();
  const [params] = useSearchParams();
  const status = useSsoStatus();
  const code = params.get("sso_error");
  const refusal = ssoRefusalCodes.find((c) => c === code);
  return (
    <>
      {code && (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {refusal ? t(`sso.refused.${refusal}`) : t("sso.refused.provider_error")}
        </Alert>
      )}
      {status.data?.enabled && (
        <>
          <Button
            component="a"
            href={status.data.startUrl}
            variant="default"
            leftSection={<IconKey size={18} aria-hidden />}
          >
            {t("sso.signIn")}
          </Button>
          <Divider label={t("sso.or")} labelPosition="center" />
        </>
      )}
    </>
  );
}
