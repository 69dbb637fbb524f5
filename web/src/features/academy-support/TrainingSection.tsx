import { Anchor, Badge, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useMe } from "../auth/session.ts";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { trainingKey, useTraining } from "./academySupportApi.ts";
import { useAcademySupportText } from "./academySupportText.ts";
import { RevokeCertificate } from "./RevokeCertificate.tsx";

/**
 * The customer panel's "Training" (issue #21): courses completed or in progress, certificates
 * (revoked ones marked) with their public verify page, live sessions, and lessons suggested
 * to them. On a case page, a suggested lesson completed by the customer refreshes the case
 * (its timeline says so) and tells the agent at once. Nothing at all without training.
 */
export function TrainingSection(props: { customerId: string; caseId?: string }) {
  const { t } = useAcademySupportText();
  const queryClient = useQueryClient();
  const training = useTraining(props.customerId);
  const canRevoke = useMe().data?.permissions.includes("academy.manage") ?? false;
  useRealtimeEvent((event) => {
    if (event.type !== "academy.lesson_completed" || event.customerId !== props.customerId) return;
    void queryClient.invalidateQueries({ queryKey: trainingKey(props.customerId) });
    void queryClient.invalidateQueries({ queryKey: ["case", event.caseId] });
    if (event.caseId !== props.caseId) return;
    // The lesson was in the suggestions before it was completed, so its title is already here.
    const lesson = training.data?.suggestions.find((x) => x.lessonId === event.lessonId)?.lessonTitle ?? "";
    notifications.show({
      closeButtonProps: { "aria-label": t("academySupport.close") },
      message: t("academySupport.completedLive", { lesson }),
      color: "teal",
    });
  });
  const d = training.data;
  if (!d) return null;
  if (!d.courses.length && !d.certificates.length && !d.sessions.length && !d.suggestions.length) return null;
  return (
    <Stack gap={6} component="section" aria-label={t("academySupport.training")}>
      <Title order={3} size="h6">
        {t("academySupport.training")}
      </Title>
      {d.courses.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600}>
            {t("academySupport.courses")}
          </Text>
          {d.courses.map((c) => (
            <Stack key={c.courseId} gap={2}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate>
                  {c.title}
                </Text>
                {c.completedAt ? (
                  <Badge size="xs" color="teal" variant="light">
                    {t("academySupport.completed")}
                  </Badge>
                ) : (
                  <Text size="xs">{t("academySupport.percent", { percent: c.percent })}</Text>
                )}
              </Group>
              {!c.completedAt && (
                <Progress
                  value={c.percent}
                  size="sm"
                  aria-label={t("academySupport.percent", { percent: c.percent })}
                />
              )}
            </Stack>
          ))}
        </Stack>
      )}
      {d.certificates.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600}>
            {t("academySupport.certificates")}
          </Text>
          {d.certificates.map((c) => (
            <Stack key={c.id} gap={0} data-testid={`certificate-${c.code}`}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" truncate td={c.revokedAt ? "line-through" : undefined}>
                  {c.title}
                </Text>
                {c.revokedAt && (
                  <Badge size="xs" color="red" variant="light">
                    {t("academySupport.revoked")}
                  </Badge>
                )}
                <Anchor href={c.verifyHref} target="_blank" size="xs">
                  {t("academySupport.verify", { code: c.code })}
                </Anchor>
                {canRevoke && !c.revokedAt && (
                  <RevokeCertificate customerId={props.customerId} certificateId={c.id} title={c.title} />
                )}
              </Group>
              {c.revokedReason && (
                <Text size="xs" c="dimmed">
                  {t("academySupport.revokedBecause", { reason: c.revokedReason })}
                </Text>
              )}
            </Stack>
          ))}
        </Stack>
      )}
      {d.sessions.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600}>
            {t("academySupport.sessions")}
          </Text>
          {d.sessions.map((s) => (
            <Group key={s.sessionId} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate>
                {s.title}
              </Text>
              <Badge size="xs" variant="light" color={s.attended ? "teal" : "gray"}>
                {s.attended
                  ? t("academySupport.attended")
                  : s.attended === false
                    ? t("academySupport.missed")
                    : t(`academySupport.${s.status}` as "academySupport.registered", s.status)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
      {d.suggestions.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600}>
            {t("academySupport.suggestions")}
          </Text>
          {d.suggestions.map((s) => (
            <Group key={s.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate>
                {s.lessonTitle}
              </Text>
              <Badge size="xs" variant="light" color={s.completedAt ? "teal" : "gray"}>
                {s.completedAt ? t("academySupport.suggestionDone") : t("academySupport.suggestionOpen")}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
