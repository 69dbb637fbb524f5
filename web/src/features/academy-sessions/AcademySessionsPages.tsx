import { Anchor, Button, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { AcademySessionsPageData, PublicSession } from "../../../../contracts/academy-sessions.ts";
import { ssrPageQueryKey } from "../../ssrData.ts";
import { PublicFrame } from "../public/PublicFrame.tsx";

import { LocalTime } from "./LocalTime.tsx";
import { useAcademySessionsText } from "./sessionsText.ts";

/**
 * The public live-session pages (/academy/sessions and /academy/sessions/<slug>), rendered on
 * the server from the data its loader gave (server/src/modules/academy/sessions/public-pages.ts)
 * and hydrated in the browser. Plain links only, so everything works without JavaScript; the
 * "Register" button leads to the portal, which asks a stranger to sign in first.
 */
export function AcademySessionsPages() {
  const { t } = useAcademySessionsText();
  const data = useQueryClient().getQueryData<AcademySessionsPageData>(ssrPageQueryKey);
  const name = data?.workspaceName ?? "Rapport";
  return (
    <PublicFrame
      home={{
        href: "/academy/sessions",
        content: (
          <Text component="span" fw={700}>
            {name}
          </Text>
        ),
      }}
      navLabel={t("academySessions.title")}
      links={[
        { href: "/academy/sessions", label: t("academySessions.title") },
        { href: "/portal/academy/sessions", label: t("academySessions.mySessions") },
      ]}
    >
      <Container component="main" size="md" py="xl">
        {data?.page === "sessionList" && <SessionList sessions={data.sessions} />}
        {data?.page === "session" && <SessionPage session={data.session} />}
        {(!data || data.page === "notFound") && (
          <Stack>
            <Title order={1}>{t("academySessions.notFound")}</Title>
            <Anchor href="/academy/sessions">{t("academySessions.backToList")}</Anchor>
          </Stack>
        )}
      </Container>
    </PublicFrame>
  );
}

function SessionList(props: { sessions: PublicSession[] }) {
  const { t } = useAcademySessionsText();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("academySessions.title")}</Title>
      <Text c="dimmed">{t("academySessions.intro")}</Text>
      {props.sessions.length === 0 && <Text>{t("academySessions.none")}</Text>}
      <Stack component="ul" gap="md" p={0} style={{ listStyle: "none" }}>
        {props.sessions.map((s) => (
          <Paper component="li" key={s.slug} withBorder p="lg">
            <Stack gap={6}>
              <Title order={2} size="h3">
                <Anchor href={`/academy/sessions/${encodeURIComponent(s.slug)}`} c="inherit">
                  {s.title}
                </Anchor>
              </Title>
              <When session={s} />
              <Seats session={s} />
            </Stack>
          </Paper>
        ))}
      </Stack>
      <Text size="sm" c="dimmed">
        {t("academySessions.noJs")}
      </Text>
    </Stack>
  );
}

function When(props: { session: PublicSession }) {
  const { t, i18n } = useAcademySessionsText();
  const s = props.session;
  return (
    <Stack gap={2}>
      <Text fw={600}>
        <LocalTime iso={s.startsAt} utcText={s.utcTime} locale={i18n.language} /> ·{" "}
        {t("academySessions.minutes", { count: s.durationMinutes })}
      </Text>
      <Text size="sm" c="dimmed">
        {t("academySessions.hostTime", { time: s.hostTime.replace(/ \(.*\)$/, ""), zone: s.hostTimeZone })}
      </Text>
    </Stack>
  );
}

function Seats(props: { session: PublicSession }) {
  const { t } = useAcademySessionsText();
  const s = props.session;
  if (s.state !== "scheduled") return <Text fw={600}>{t(`academySessions.state.${s.state}`)}</Text>;
  return s.seatsLeft > 0 ? (
    <Text size="sm">{t("academySessions.seatsLeft", { count: s.seatsLeft })}</Text>
  ) : (
    <Text size="sm">{t("academySessions.full")}</Text>
  );
}

function SessionPage(props: { session: PublicSession }) {
  const { t } = useAcademySessionsText();
  const s = props.session;
  return (
    <Stack gap="md">
      <Anchor href="/academy/sessions" size="sm">
        {t("academySessions.backToList")}
      </Anchor>
      <Title order={1}>{s.title}</Title>
      {s.hostName && <Text c="dimmed">{t("academySessions.hostedBy", { name: s.hostName })}</Text>}
      <When session={s} />
      <Seats session={s} />
      {s.description && <Text style={{ whiteSpace: "pre-wrap" }}>{s.description}</Text>}
      {s.state === "scheduled" && (
        <Group>
          <Button component="a" href={`/portal/academy/sessions/${encodeURIComponent(s.slug)}`}>
            {s.seatsLeft > 0 ? t("academySessions.register") : t("academySessions.registerWaitlist")}
          </Button>
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {t("academySessions.noJs")}
      </Text>
    </Stack>
  );
}
