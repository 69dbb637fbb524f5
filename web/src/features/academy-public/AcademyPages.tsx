import {
  Anchor,
  Badge,
  Button,
  Card,
  Container,
  Group,
  Image,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { AcademyCourseCard, AcademyPageData } from "../../../../contracts/academy-support.ts";
import type { PublicWorkspace } from "../../../../contracts/accounts.ts";
import { ssrPageQueryKey } from "../../ssrData.ts";
import { Brand } from "../../ui/Brand.tsx";
import { PublicFrame } from "../public/PublicFrame.tsx";
import { publicWorkspaceQueryKey } from "../public/PublicHome.tsx";
import { useAcademyPublicText } from "./academyPublicText.ts";

/**
 * The public academy (issue #21): `/academy` and `/academy/courses/<slug>`. The server decides
 * the page and loads its data (server/src/modules/academy/public); this renders it, on the
 * server and again when hydrating. Plain <a> links, so it reads and works without JavaScript.
 * Lesson content is not here: "Start" leads to the portal, which asks the customer to sign in.
 */
export function AcademyPages() {
  const { t } = useAcademyPublicText();
  const queryClient = useQueryClient();
  const data = queryClient.getQueryData<AcademyPageData>(ssrPageQueryKey);
  const workspace = queryClient.getQueryData<PublicWorkspace>(publicWorkspaceQueryKey);
  const name = workspace?.name ?? "Rapport";
  return (
    <PublicFrame
      home={{
        href: "/academy",
        label: t("academyPublic.homeLink", { workspace: name }),
        content: <Brand name={name} />,
      }}
      navLabel={t("academyPublic.nav")}
      links={[
        { href: "/academy/sessions", label: t("academyPublic.liveSessions") },
        { href: "/help", label: t("academyPublic.helpCenter") },
        { href: "/portal", label: t("academyPublic.signIn") },
      ]}
    >
      <Container component="main" size="md" py="xl">
        {!data ? (
          <Text>
            {t("academyPublic.reload")} <Anchor href="">{t("academyPublic.title")}</Anchor>
          </Text>
        ) : data.page === "home" ? (
          <Home data={data} workspace={name} />
        ) : data.page === "course" ? (
          <Course data={data} />
        ) : (
          <Stack gap="sm">
            <Title order={1}>{t("academyPublic.title")}</Title>
            <Text>{t("academyPublic.notFound")}</Text>
            <Anchor href="/academy">{t("academyPublic.back")}</Anchor>
          </Stack>
        )}
      </Container>
    </PublicFrame>
  );
}

function Facts(props: { course: AcademyCourseCard }) {
  const { t } = useAcademyPublicText();
  const c = props.course;
  return (
    <Group gap="xs">
      <Badge variant="light">{t(`academyPublic.levels.${c.level}`)}</Badge>
      {c.durationMinutes !== null && (
        <Badge variant="light" color="gray">
          {t("academyPublic.minutes", { count: c.durationMinutes })}
        </Badge>
      )}
      <Badge variant="light" color="gray">
        {t("academyPublic.lessons", { count: c.lessonCount })}
      </Badge>
      <Badge variant="light" color="teal">
        {t("academyPublic.free")}
      </Badge>
    </Group>
  );
}

function Home(props: { data: Extract<AcademyPageData, { page: "home" }>; workspace: string }) {
  const { t } = useAcademyPublicText();
  const { courses, paths } = props.data;
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1}>{t("academyPublic.title")}</Title>
        <Text c="dimmed">{t("academyPublic.intro", { workspace: props.workspace })}</Text>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="academy-courses">
        <Title order={2} size="h3" id="academy-courses">
          {t("academyPublic.courses")}
        </Title>
        {courses.length === 0 && <Text>{t("academyPublic.noCourses")}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {courses.map((c) => (
            <Card key={c.slug} withBorder radius="md" padding="md" component="article">
              {c.coverHref && (
                <Card.Section>
                  <Image src={c.coverHref} alt={t("academyPublic.coverAlt", { title: c.title })} h={140} />
                </Card.Section>
              )}
              <Stack gap="xs" mt={c.coverHref ? "sm" : 0}>
                <Title order={3} size="h4">
                  <Anchor href={`/academy/courses/${c.slug}`}>{c.title}</Anchor>
                </Title>
                <Facts course={c} />
                {c.summary && (
                  <Text size="sm" lineClamp={4}>
                    {c.summary}
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
      {paths.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="academy-paths">
          <Title order={2} size="h3" id="academy-paths">
            {t("academyPublic.paths")}
          </Title>
          {paths.map((p) => (
            <Paper key={p.slug} withBorder radius="md" p="md">
              <Title order={3} size="h5">
                {p.title}
              </Title>
              {p.summary && <Text size="sm">{p.summary}</Text>}
              <List size="sm" type="ordered" mt="xs">
                {p.courseTitles.map((title) => (
                  <List.Item key={title}>{title}</List.Item>
                ))}
              </List>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Course(props: { data: Extract<AcademyPageData, { page: "course" }> }) {
  const { t } = useAcademyPublicText();
  const { course, modules, productModels, startHref } = props.data;
  return (
    <Stack gap="lg">
      <nav aria-label={t("academyPublic.breadcrumb")}>
        <Anchor href="/academy" size="sm">
          {t("academyPublic.back")}
        </Anchor>
      </nav>
      {course.coverHref && (
        <Image
          src={course.coverHref}
          alt={t("academyPublic.coverAlt", { title: course.title })}
          radius="md"
          mah={260}
        />
      )}
      <Stack gap="xs">
        <Title order={1}>{course.title}</Title>
        <Facts course={course} />
        {productModels.length > 0 && (
          <Text size="sm" c="dimmed">
            {t("academyPublic.forModels", { models: productModels.join(", ") })}
          </Text>
        )}
        {course.summary && <Text>{course.summary}</Text>}
      </Stack>
      <Group gap="sm" align="center">
        <Button component="a" href={startHref} size="md">
          {t("academyPublic.start")}
        </Button>
        <Text size="sm" c="dimmed">
          {t("academyPublic.startHint")}
        </Text>
      </Group>
      <Stack gap="sm" component="section" aria-labelledby="academy-outline">
        <Title order={2} size="h3" id="academy-outline">
          {t("academyPublic.outline")}
        </Title>
        {modules.map((m) => (
          <Paper key={m.title} withBorder radius="md" p="md">
            <Title order={3} size="h5" mb="xs">
              {m.title}
            </Title>
            <List size="sm" spacing={4}>
              {m.lessons.map((l) => (
                <List.Item key={l.title}>
                  {l.title}{" "}
                  <Text span size="xs" c="dimmed">
                    ({t(`academyPublic.kinds.${l.kind}`, l.kind)}
                    {l.required ? "" : `, ${t("academyPublic.optional")}`})
                  </Text>
                </List.Item>
              ))}
            </List>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
