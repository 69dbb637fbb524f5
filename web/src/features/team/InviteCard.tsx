import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle, IconMailPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { emailSchema } from "../../../../contracts/common.ts";
import { STAFF_ROLES } from "../../../../contracts/team.ts";
import { ApiError } from "../../api/client.ts";
import { InvitationLink } from "./InvitationLink.tsx";
import { type StaffRole, useInvite } from "./teamApi.ts";

/** Invite a colleague by email with a role. Until mail is set up the admin passes the link on. */
export function InviteCard() {
  const { t } = useTranslation();
  const invite = useInvite();
  const [sent, setSent] = useState<{ email: string; link: string | null } | null>(null);
  const form = useForm<{ email: string; role: StaffRole }>({
    initialValues: { email: "", role: "agent" },
    validate: {
      email: (v) => (emailSchema.safeParse(v.trim()).success ? null : t("team.invite.invalidEmail")),
    },
  });

  const submit = form.onSubmit(async ({ email, role }) => {
    setSent(null);
    try {
      const created = await invite.mutateAsync({ email: email.trim(), role });
      setSent({ email: created.email, link: created.link });
      form.reset();
    } catch (err) {
      const field = err instanceof ApiError && err.field === "role" ? "role" : "email";
      form.setFieldError(field, err instanceof Error ? err.message : t("common.genericError"));
    }
  });

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="invite-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Text component="h2" id="invite-title" fw={700} size="lg" m={0}>
            {t("team.invite.title")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("team.invite.intro")}
          </Text>
        </Stack>
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t("team.invite.email")}
              description={t("team.invite.emailHint")}
              type="email"
              autoComplete="off"
              required
              style={{ flex: "1 1 260px" }}
              {...form.getInputProps("email")}
            />
            <Select
              label={t("team.invite.role")}
              data={STAFF_ROLES.map((r) => ({ value: r, label: t(`shell.roles.${r}`) }))}
              allowDeselect={false}
              w={170}
              description={t(`team.roleHints.${form.values.role}`)}
              {...form.getInputProps("role")}
            />
            <Button
              type="submit"
              loading={invite.isPending}
              leftSection={<IconMailPlus size={18} aria-hidden />}
            >
              {t("team.invite.submit")}
            </Button>
          </Group>
        </form>
        {sent && (
          <Alert
            color="teal"
            variant="light"
            role="status"
            icon={<IconInfoCircle aria-hidden />}
            title={t("team.invite.sent", { email: sent.email })}
          >
            {sent.link ? (
              <InvitationLink email={sent.email} link={sent.link} />
            ) : (
              t("invitationLink.emailed", { email: sent.email })
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
