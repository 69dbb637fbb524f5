import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useParams } from "react-router";
import type { MySession } from "../../../../contracts/academy-sessions.ts";
import { formatInZone } from "./LocalTime.tsx";
import { useMySession, useMySessions, useRegistration } from "./sessionsApi.ts";
import { useAcademySessionsText } from "./sessionsText.ts";

/**
 * The customer's live sessions in the portal (/portal/academy/sessions[/<slug>]): every time in
 * the customer's own time zone (the browser's), with the host's beside it; register, join the
 * waitlist, or cancel. A public page's "Register" lands on the session's own address here.
 */
export function PortalSessionsPage() {
  const { t } = useAcademySessionsText();
  const { slug } = useParams();
  const list = useMySessions();
  return (
    <Stack gap="lg" maw={800}>
      <Title order={1}>{t("academySessions.mySessions")}</Title>
      {slug && <Focused slug={slug} />}
      {list.isPending && <Loader size="sm" />}
      {list.isError && (
        <Alert color="red">{t("academySessions.loadError", { message: list.error.message })}</Alert>
      )}
      {list.data && list.data.items.length === 0 && <Text>{t("academySessions.none")}</Text>}
      {list.data && (
        <Stack
          component="ul"
          gap="md"
          p={0}
          style={{ listStyle: "none" }}
          aria-label={t("academySessions.title")}
        >
          {list.data.items
            .filter((i) => i.session.slug !== slug)
            .map((i) => (
              <SessionCard key={i.session.id} item={i} />
            ))}
        </Stack>
      )}
      <Anchor href="/academy/sessions">{t("academySessions.browse")}</Anchor>
    </Stack>
  );
}

function Focused(props: { slug: string }) {
  const { t } = useAcademySessionsText();
  const one = useMySession(props.slug);
  if (one.isPending) return <Loader size="sm" />;
  if (one.isError) return <Alert color="red">{t("academySessions.notFound")}</Alert>;
  return (
    <Stack component="ul" p={0} style={{ listStyle: "none" }}>
      <SessionCard item={one.data} highlighted />
    </Stack>
  );
}

function SessionCard(props: { item: MySession; highlighted?: boolean }) {
  const { t, i18n } = useAcademySessionsText();
  const { session: s, registration: r } = props.item;
  const change = useRegistration();
  const active = r && r.status !== "cancelled";
  const canRegister = s.state === "scheduled" && !active;
  return (
    <Paper
      component="li"
      withBorder
      p="lg"
      shadow={props.highlighted ? "sm" : undefined}
      data-session={s.slug}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h3">
            {s.title}
          </Title>
          {s.state !== "scheduled" ? (
            <Badge color="gray" variant="light">
              {t(`academySessions.state.${s.state}`)}
            </Badge>
          ) : r ? (
            <Badge
              variant="light"
              color={r.status === "confirmed" ? "teal" : r.status === "waitlisted" ? "yellow" : "gray"}
            >
              {t(`academySessions.status.${r.status}`)}
            </Badge>
          ) : null}
        </Group>
        <Text fw={600}>
          {t("academySessions.yourTime")}:{" "}
          <time dateTime={s.startsAt} data-testid="my-time">
            {formatInZone(s.startsAt, i18n.language)}
          </time>{" "}
          · {t("academySessions.minutes", { count: s.durationMinutes })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("academySessions.hostTime", {
            time: formatInZone(s.startsAt, i18n.language, s.hostTimeZone),
            zone: s.hostTimeZone,
          })}
        </Text>
        {r?.status === "waitlisted" && r.waitlistPosition !== null && (
          <Text size="sm">{t("academySessions.waitlistPosition", { position: r.waitlistPosition })}</Text>
        )}
        {s.state === "scheduled" && !active && (
          <Text size="sm">
            {s.seatsLeft > 0
              ? t("academySessions.seatsLeft", { count: s.seatsLeft })
              : t("academySessions.full")}
          </Text>
        )}
        {change.isError && (
          <Alert color="red">{t("academySessions.saveError", { message: change.error.message })}</Alert>
        )}
        <Group>
          {canRegister && (
            <Button
              loading={change.isPending}
              onClick={() => change.mutate({ sessionId: s.id, register: true })}
            >
              {s.seatsLeft > 0 ? t("academySessions.register") : t("academySessions.registerWaitlist")}
            </Button>
          )}
          {active && s.state === "scheduled" && (
            <Button
              variant="default"
              loading={change.isPending}
              onClick={() => change.mutate({ sessionId: s.id, register: false })}
            >
              {r.status === "confirmed"
                ? t("academySessions.cancelMine")
                : t("academySessions.leaveWaitlist")}
            </Button>
          )}
          {s.joinUrl && (
            <Button component="a" href={s.joinUrl} variant="light" target="_blank" rel="noopener noreferrer">
              {t("academySessions.join")}
            </Button>
          )}
          {s.recordingUrl && (
            <Anchor href={s.recordingUrl} target="_blank" rel="noopener noreferrer">
              {t("academySessions.recording")}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
