import {
  Alert,
  Button,
  Group,
  Paper,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useMyAgentProfile, useSaveAgentProfile } from "./profilesApi.ts";
import { useProfilesText } from "./profilesText.ts";

/**
 * The agent's public profile: display name, bio, languages and sign-off. The picture is the
 * profile page's own picture section, shown to customers beside this name.
 */
export function AgentProfileCard() {
  const { t } = useProfilesText();
  const profile = useMyAgentProfile();
  const save = useSaveAgentProfile();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: { displayName: "", bio: "", languages: [] as string[], signOff: "" },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form once, when the profile arrives
  useEffect(() => {
    if (profile.data)
      form.setValues({
        displayName: profile.data.displayName,
        bio: profile.data.bio,
        languages: profile.data.languages,
        signOff: profile.data.signOff,
      });
  }, [profile.data]);
  const submit = form.onSubmit(async (values) => {
    try {
      setSaved(false);
      await save.mutateAsync(values);
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && err.field)
        form.setFieldError(err.field.split(".")[0] ?? err.field, err.message);
      else form.setFieldError("displayName", err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="agent-profile">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="agent-profile">
            {t("agentProfile.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("agentProfile.intro")}
          </Text>
        </Stack>
        {profile.isError && (
          <Alert color="red">{t("agentProfile.loadError", { message: profile.error.message })}</Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" maw={460}>
            <TextInput
              label={t("agentProfile.displayName")}
              required
              {...form.getInputProps("displayName")}
            />
            <Textarea
              label={t("agentProfile.bio")}
              autosize
              minRows={2}
              maxLength={500}
              {...form.getInputProps("bio")}
            />
            <TagsInput
              label={t("agentProfile.languages")}
              description={t("agentProfile.languagesHint")}
              {...form.getInputProps("languages")}
            />
            <Textarea
              label={t("agentProfile.signOff")}
              description={t("agentProfile.signOffHint")}
              autosize
              minRows={2}
              maxLength={300}
              {...form.getInputProps("signOff")}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("agentProfile.save")}
              </Button>
              <Text size="sm" c="teal" role="status">
                {saved ? t("agentProfile.saved") : ""}
              </Text>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
