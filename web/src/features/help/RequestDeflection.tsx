import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBulb, IconCircleCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ArticleHtml } from "./ArticleMarkdown.tsx";
import { fetchArticle, recordDeflection, type Suggestion, usePortalSuggestions } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

const SESSION_KEY = "rapport.helpSession";

/** A random id for this form's searches (url-safe, 22 chars), kept for the browser tab. */
export function deflectionSession(): string {
  try {
    const kept = globalThis.sessionStorage?.getItem(SESSION_KEY);
    if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
  } catch {
    // storage disabled: a fresh id per page
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  try {
    globalThis.sessionStorage?.setItem(SESSION_KEY, id);
  } catch {
    // as above
  }
  return id;
}

/**
 * On the new-request form: articles and guides that may answer what the customer is typing
 * (after 3 characters and 300 ms without typing). One opens inline; "This solved it" records
 * the deflection and ends the request without a case, "I still need help" goes back to the
 * form with the text kept. Shows nothing when the suggestion route is missing or the
 * customer is in the holdout group.
 */
export function RequestDeflection(props: { subject: string; message: string; onSolved: () => void }) {
  const { t } = useHelpText();
  const [session] = useState(deflectionSession);
  const typed = `${props.subject.trim()} ${props.message.trim()}`.trim().slice(0, 200);
  const [query] = useDebouncedValue(typed, 300);
  const suggestions = usePortalSuggestions(query, session);
  const [open, setOpen] = useState<Suggestion | null>(null);
  const [solving, setSolving] = useState(false);
  const article = useQuery({
    queryKey: ["help", "portal-article", open?.id],
    queryFn: () => fetchArticle(open?.id ?? ""),
    enabled: open?.kind === "article",
    retry: false,
  });

  const data = suggestions.data;
  if (query.length < 3 || !data || data.holdout || data.items.length === 0) return null;

  if (open) {
    const solved = async () => {
      setSolving(true);
      try {
        await recordDeflection({ query, session, articleId: open.id });
      } catch {
        // The customer's answer counts even if the record fails.
      }
      props.onSolved();
    };
    return (
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="deflection-article">
        <Stack gap="sm">
          <Title order={2} size="h4" id="deflection-article">
            {open.title}
          </Title>
          {article.isPending ? (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">{t("help.portal.loading")}</Text>
            </Group>
          ) : article.data ? (
            <ArticleHtml html={article.data.bodyHtml} />
          ) : (
            <Text size="sm" c="red">
              {t("help.portal.loadError")}
            </Text>
          )}
          <Group gap="sm">
            <Button
              loading={solving}
              leftSection={<IconCircleCheck size={18} aria-hidden />}
              onClick={() => void solved()}
            >
              {t("help.portal.solved")}
            </Button>
            <Button variant="default" onClick={() => setOpen(null)}>
              {t("help.portal.stillNeed")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  return (
    <Alert
      color="teal"
      icon={<IconBulb aria-hidden />}
      title={t("help.portal.suggestTitle")}
      role="region"
      aria-label={t("help.portal.suggestTitle")}
    >
      <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
        {data.items.slice(0, 5).map((s) => (
          <Stack component="li" key={`${s.kind}:${s.id}`} gap={0}>
            {s.kind === "playbook" ? (
              <Anchor component={Link} to={`/portal/help/${s.slug}`} fw={600}>
                {t("help.portal.guide", { title: s.title })}
              </Anchor>
            ) : (
              <Anchor component="button" type="button" fw={600} ta="left" onClick={() => setOpen(s)}>
                {t("help.portal.read", { title: s.title })}
              </Anchor>
            )}
            {s.snippet && (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {s.snippet}
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}

/** The end of a request that an article answered: no case was opened. */
export function DeflectionDone() {
  const { t } = useHelpText();
  return (
    <Paper withBorder radius="lg" p="xl" role="status">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3">
          {t("help.portal.doneTitle")}
        </Title>
        <Text>{t("help.portal.doneBody")}</Text>
        <Button component={Link} to="/portal" variant="light">
          {t("help.portal.backToRequests")}
        </Button>
      </Stack>
    </Paper>
  );
}
