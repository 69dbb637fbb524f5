import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Code,
  Group,
  Loader,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useEffect } from "react";
import type { SsoSettings, SsoSettingsInput } from "../../../../contracts/sso.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import {
  ssoRoles,
  useRemoveSso,
  useSaveSso,
  useSsoChoices,
  useSsoSettings,
  useTestDiscovery,
} from "./ssoApi.ts";
import { useSsoText } from "./ssoText.ts";

type Role = (typeof ssoRoles)[number];
type Values = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string;
  jitEnabled: boolean;
  jitRole: Role;
  groupClaim: string;
  groupMappings: Array<{ group: string; role: string; teamIds: string[] }>;
  requireSso: boolean;
  breakGlassMemberId: string | null;
};

const KEEP = "keep";

function toValues(s: SsoSettings): Values {
  return {
    issuer: s.issuer ?? "",
    clientId: s.clientId ?? "",
    clientSecret: "",
    allowedDomains: s.allowedDomains.join(", "),
    jitEnabled: s.jitEnabled,
    jitRole: s.jitRole,
    groupClaim: s.groupClaim ?? "",
    groupMappings: s.groupMappings.map((m) => ({ ...m, role: m.role ?? KEEP })),
    requireSso: s.requireSso,
    breakGlassMemberId: s.breakGlassMemberId,
  };
}

function toInput(v: Values): SsoSettingsInput {
  return {
    issuer: v.issuer.trim(),
    clientId: v.clientId.trim(),
    ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}),
    allowedDomains: v.allowedDomains.split(/[\s,;]+/).filter(Boolean),
    jitEnabled: v.jitEnabled,
    jitRole: v.jitRole,
    groupClaim: v.groupClaim.trim() || null,
    groupMappings: v.groupMappings.map((m) => ({
      group: m.group,
      role: m.role === KEEP ? null : (m.role as Role),
      teamIds: m.teamIds,
    })),
    requireSso: v.requireSso,
    breakGlassMemberId: v.breakGlassMemberId,
  };
}

/** Settings → Single sign-on (issue #23): the workspace's OIDC provider, for admins. */
export function SsoSettingsPage() {
  const { t } = useSsoText();
  const settings = useSsoSettings();
  const choices = useSsoChoices();
  const save = useSaveSso();
  const remove = useRemoveSso();
  const discovery = useTestDiscovery();
  const form = useForm<Values>({
    initialValues: toValues({
      configured: false,
      issuer: null,
      clientId: null,
      clientSecret: "not set",
      allowedDomains: [],
      jitEnabled: false,
      jitRole: "agent",
      groupClaim: null,
      groupMappings: [],
      requireSso: false,
      breakGlassMemberId: null,
      redirectUrl: "",
    }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when the stored settings change, not on every form render
  useEffect(() => {
    if (settings.data) form.setValues(toValues(settings.data));
  }, [settings.data]);

  if (settings.isPending) return <Loader m="md" size="sm" />;
  if (settings.isError)
    return (
      <Alert m="md" color="red">
        {t("sso.loadError", { message: settings.error.message })}
      </Alert>
    );
  const stored = settings.data;
  const roleOptions = ssoRoles.map((r) => ({ value: r, label: t(`sso.roles.${r}`) }));

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync(toInput(values));
      notifications.show({
        color: "green",
        message: t("sso.saved"),
        closeButtonProps: { "aria-label": t("common.close") },
      });
    } catch (err) {
      if (err instanceof ApiError && err.field)
        form.setFieldError(err.field.replace(/\.\d+$/, ""), err.message);
      else
        notifications.show({
          color: "red",
          message: err instanceof Error ? err.message : String(err),
          closeButtonProps: { "aria-label": t("common.close") },
        });
    }
  });

  return (
    <Stack p="md" gap="lg" maw={900}>
      <PageTitle>{t("sso.title")}</PageTitle>
      <Text c="dimmed">{t("sso.intro")}</Text>
      <Text size="sm">
        {t("sso.redirectUrl")}: <Code>{stored.redirectUrl}</Code>
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">
                {t("sso.provider")}
              </Title>
              <TextInput
                label={t("sso.issuer")}
                description={t("sso.issuerHint")}
                placeholder="https://login.example.com"
                required
                {...form.getInputProps("issuer")}
              />
              <Group>
                <Button
                  variant="default"
                  loading={discovery.isPending}
                  disabled={!form.values.issuer}
                  onClick={() => discovery.mutate(form.values.issuer.trim())}
                >
                  {t("sso.testDiscovery")}
                </Button>
              </Group>
              {discovery.data && (
                <Alert role="status" variant="light" color={discovery.data.ok ? "green" : "red"}>
                  {discovery.data.ok
                    ? t("sso.discoveryOk", { issuer: discovery.data.issuer })
                    : t("sso.discoveryFailed", { error: discovery.data.error })}
                </Alert>
              )}
              {discovery.error && (
                <Alert role="status" variant="light" color="red">
                  {t("sso.discoveryFailed", { error: discovery.error.message })}
                </Alert>
              )}
              <TextInput label={t("sso.clientId")} required {...form.getInputProps("clientId")} />
              <PasswordInput
                label={t("sso.clientSecret")}
                description={stored.clientSecret === "set" ? t("sso.secretSet") : t("sso.secretNotSet")}
                autoComplete="off"
                {...form.getInputProps("clientSecret")}
              />
            </Stack>
          </Card>

          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">
                {t("sso.accounts")}
              </Title>
              <TextInput
                label={t("sso.allowedDomains")}
                description={t("sso.allowedDomainsHint")}
                {...form.getInputProps("allowedDomains")}
              />
              <Switch
                label={t("sso.jitEnabled")}
                {...form.getInputProps("jitEnabled", { type: "checkbox" })}
              />
              <Select
                label={t("sso.jitRole")}
                data={roleOptions}
                allowDeselect={false}
                disabled={!form.values.jitEnabled}
                {...form.getInputProps("jitRole")}
              />
            </Stack>
          </Card>

          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">
                {t("sso.groups")}
              </Title>
              <TextInput
                label={t("sso.groupClaim")}
                description={t("sso.groupClaimHint")}
                placeholder="groups"
                {...form.getInputProps("groupClaim")}
              />
              {form.values.groupMappings.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; the index is their identity here
                <Group key={i} align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t("sso.group")}
                    required
                    {...form.getInputProps(`groupMappings.${i}.group`)}
                  />
                  <Select
                    label={t("sso.role")}
                    data={[{ value: KEEP, label: t("sso.keepRole") }, ...roleOptions]}
                    allowDeselect={false}
                    {...form.getInputProps(`groupMappings.${i}.role`)}
                  />
                  <MultiSelect
                    label={t("sso.teams")}
                    data={choices.data?.teams ?? []}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`groupMappings.${i}.teamIds`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t("sso.removeMapping", { group: m.group })}
                    onClick={() => form.removeListItem("groupMappings", i)}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => form.insertListItem("groupMappings", { group: "", role: KEEP, teamIds: [] })}
                >
                  {t("sso.addMapping")}
                </Button>
              </Group>
            </Stack>
          </Card>

          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">
                {t("sso.requirement")}
              </Title>
              <Select
                label={t("sso.breakGlass")}
                description={t("sso.breakGlassHint")}
                data={choices.data?.admins ?? []}
                clearable
                {...form.getInputProps("breakGlassMemberId")}
              />
              <Switch
                label={t("sso.requireSso")}
                description={t("sso.requireSsoHint")}
                {...form.getInputProps("requireSso", { type: "checkbox" })}
              />
            </Stack>
          </Card>

          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("sso.save")}
            </Button>
            {stored.configured && (
              <Button
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={async () => {
                  await remove.mutateAsync();
                  notifications.show({
                    color: "green",
                    message: t("sso.removed"),
                    closeButtonProps: { "aria-label": t("common.close") },
                  });
                }}
              >
                {t("sso.remove")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
