import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  Radio,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconArrowLeft, IconSend } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { DeflectionDone, deflectionSession, RequestDeflection } from "../help/RequestDeflection.tsx";
import { RequestSourceArticle, useSourceArticle } from "../help/RequestSourceArticle.tsx";
import { SuggestedGuides } from "../playbooks/SuggestedGuides.tsx";
import { PortalAgentSlot } from "../routing/portalSlot.tsx";
import { KnownDetails } from "./KnownDetails.tsx";
import { useCreateRequest, usePortalProfile } from "./portalApi.ts";

const NO_DEVICE = "none";

/**
 * A new request asks only what we cannot know: what it is about and what is happening.
 * Everything on file is shown beside the form instead of being asked for again.
 */
export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profile = usePortalProfile();
  const create = useCreateRequest();
  const [error, setError] = useState<string | null>(null);
  // An article answered the question: the request ends here, without a case.
  const [solved, setSolved] = useState(false);
  // From a help article's "contact support": the article goes with the request unless removed.
  const [params, setParams] = useSearchParams();
  const source = useSourceArticle(params.get("article"), params.get("locale"));
  const sourceArticle = params.get("article") ? source.data : undefined;
  const removeSource = () =>
    setParams(
      (p) => {
        p.delete("article");
        p.delete("locale");
        return p;
      },
      { replace: true },
    );
  const form = useForm({
    initialValues: { subject: "", message: "", deviceId: NO_DEVICE },
    validate: {
      subject: (v) => (v.trim() ? null : t("portal.new.required")),
      message: (v) => (v.trim() ? null : t("portal.new.required")),
    },
  });
  const devices = profile.data?.devices ?? [];

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const device = devices.find((d) => d.id === values.deviceId);
    // The API has no device field on a case; a plain line in the message keeps it visible to the agent.
    const message = device
      ? `${values.message.trim()}\n\n${t("portal.new.deviceLine", { model: device.model, serial: device.serial })}`
      : values.message.trim();
    try {
      const created = await create.mutateAsync({
        subject: values.subject.trim(),
        message,
        ...(sourceArticle ? { articleId: sourceArticle.id } : {}),
        // The same session RequestDeflection's suggestions used, so the help module can tell
        // which sessions ended in a case.
        helpSessionId: deflectionSession(),
      });
      notifications.show({
        color: "teal",
        message: t("portal.new.created", { number: created.number }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      navigate(`/portal/requests/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError && (err.field === "subject" || err.field === "message")) {
        form.setFieldError(err.field, err.message);
      } else if (err instanceof ApiError && err.field === "articleId") {
        // The article went away (or was hidden) since the page loaded: send again without it.
        removeSource();
        setError(err.message);
      } else {
        setError(err instanceof ApiError ? err.message : t("common.networkError"));
      }
    }
  });

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/portal" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("portal.back")}
        </Group>
      </Anchor>
      <Stack gap={4}>
        <PageTitle>{t("portal.new.title")}</PageTitle>
        <Text c="dimmed">{t("portal.new.intro")}</Text>
      </Stack>
      {solved ? (
        <DeflectionDone />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder radius="lg" p="lg">
              <form onSubmit={submit} noValidate>
                <Stack gap="lg">
                  {error && (
                    <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
                      {error}
                    </Alert>
                  )}
                  {sourceArticle && (
                    <RequestSourceArticle
                      title={sourceArticle.title}
                      slug={sourceArticle.slug}
                      onRemove={removeSource}
                    />
                  )}
                  <TextInput
                    label={t("portal.new.subject")}
                    description={t("portal.new.subjectHint")}
                    required
                    maxLength={300}
                    {...form.getInputProps("subject")}
                  />
                  <SuggestedGuides subject={form.values.subject} />
                  <Textarea
                    label={t("portal.new.message")}
                    description={t("portal.new.messageHint")}
                    required
                    autosize
                    minRows={6}
                    maxRows={16}
                    {...form.getInputProps("message")}
                  />
                  <RequestDeflection
                    subject={form.values.subject}
                    message={form.values.message}
                    onSolved={() => setSolved(true)}
                  />
                  {devices.length > 0 && (
                    <Radio.Group
                      label={t("portal.new.device")}
                      description={t("portal.new.deviceHint")}
                      {...form.getInputProps("deviceId")}
                    >
                      <Stack gap="xs" mt="xs">
                        {devices.map((d) => (
                          <Radio
                            key={d.id}
                            value={d.id}
                            label={d.model}
                            description={t("portal.known.deviceDetail", { serial: d.serial })}
                          />
                        ))}
                        <Radio value={NO_DEVICE} label={t("portal.new.noDevice")} />
                      </Stack>
                    </Radio.Group>
                  )}
                  <Group justify="flex-end">
                    <Button
                      type="submit"
                      size="md"
                      loading={create.isPending}
                      leftSection={<IconSend size={18} aria-hidden />}
                    >
                      {t("portal.new.submit")}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            {profile.isPending ? (
              <Skeleton h={240} radius="lg" />
            ) : (
              profile.data && <KnownDetails profile={profile.data} />
            )}
            <PortalAgentSlot />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
