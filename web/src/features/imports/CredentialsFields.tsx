import { PasswordInput, TextInput } from "@mantine/core";
import { useImportsText } from "./importsText.ts";

export interface Credentials {
  email: string;
  token: string;
}

/**
 * The Zendesk admin's email and API token, the same wherever they are asked: starting an import,
 * resuming one (the server forgot them when it ended) and keeping an account in sync. The token
 * is a password field, never autofilled; errors come from the server's `field`.
 */
export function CredentialsFields(props: {
  value: Credentials;
  onChange: (next: Credentials) => void;
  fieldError: (field: "email" | "token") => string | undefined;
  /** Under the token: where to find one and how long it is kept (differs for a sync). */
  tokenHint?: string | undefined;
}) {
  const { t } = useImportsText();
  const { value, onChange } = props;
  return (
    <>
      <TextInput
        label={t("imports.form.email")}
        type="email"
        required
        value={value.email}
        onChange={(ev) => onChange({ ...value, email: ev.currentTarget.value })}
        error={props.fieldError("email")}
        autoComplete="off"
      />
      <PasswordInput
        label={t("imports.form.token")}
        description={props.tokenHint}
        required
        value={value.token}
        onChange={(ev) => onChange({ ...value, token: ev.currentTarget.value })}
        error={props.fieldError("token")}
        autoComplete="off"
      />
    </>
  );
}

export const NO_CREDENTIALS: Credentials = { email: "", token: "" };
