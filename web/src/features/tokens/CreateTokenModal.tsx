import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { createTokenInputSchema } from "../../../../contracts/accounts.ts";
import { ApiError } from "../../api/client.ts";
import { useCreateToken } from "./tokensApi.ts";

/** Asks for a name, then shows the new secret exactly once with a copy button. */
export function CreateTokenModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const form = useForm({
    initialValues: { name: "" },
    validate: {
      name: (v) => (createTokenInputSchema.safeParse({ name: v }).success ? null : t("setup.required")),
    },
  });

  const close = () => {
    form.reset();
    create.reset();
    props.onClose();
  };

  const submit = form.onSubmit(async ({ name }) => {
    try {
      await create.mutateAsync(name.trim());
    } catch (err) {
      form.setFieldError("name", err instanceof ApiError ? err.message : t("common.networkError"));
    }
  });

  const created = create.data;
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={props.opened}
      onClose={close}
      title={created ? t("tokens.createdTitle") : t("tokens.create")}
    >
      {created ? (
        <Stack>
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            <Text size="sm">{t("tokens.createdWarning")}</Text>
          </Alert>
          <Text size="sm" fw={600} id="new-token-label">
            {t("tokens.tokenLabel")}
          </Text>
          <Code
            block
            aria-labelledby="new-token-label"
            data-testid="new-token"
            style={{ wordBreak: "break-all" }}
          >
            {created.token}
          </Code>
          <Group justify="space-between">
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? "teal" : undefined}
                  onClick={copy}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                >
                  {copied ? t("tokens.copied") : t("tokens.copy")}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t("tokens.done")}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label={t("tokens.name")}
              description={t("tokens.nameHint")}
              required
              data-autofocus
              {...form.getInputProps("name")}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t("tokens.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
