import { Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { Article } from "../../../../contracts/help.ts";
import type { DraftSeed } from "./ArticleEditorPage.tsx";
import { useTranslations } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

/** The article's other languages, and "Add translation" (a new article with `translationOf`). */
export function Translations(props: { article: Article }) {
  const { t } = useHelpText();
  const navigate = useNavigate();
  const a = props.article;
  const list = useTranslations(a.id);
  const others = (list.data?.items ?? []).filter((x) => x.id !== a.id);
  const [locale, setLocale] = useState("");
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="article-translations">
      <Stack gap="sm">
        <Title order={2} size="h4" id="article-translations">
          {t("help.translations.title")}
        </Title>
        {others.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("help.translations.none")}
          </Text>
        ) : (
          <Stack gap={4}>
            {others.map((x) => (
              <Group key={x.id} gap="xs" wrap="nowrap">
                <Badge variant="outline" color="gray">
                  {x.locale}
                </Badge>
                <Anchor component={Link} to={`/app/help/${x.id}`} size="sm">
                  {x.title}
                </Anchor>
              </Group>
            ))}
          </Stack>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!locale.trim()) return;
            const seed: DraftSeed = {
              translationOf: a.id,
              locale: locale.trim(),
              title: a.title,
              body: a.body,
              categoryId: a.categoryId,
              sectionId: a.sectionId,
              visibility: a.visibility,
            };
            navigate("/app/help/new", { state: seed });
          }}
        >
          <Stack gap="xs">
            <TextInput
              label={t("help.translations.locale")}
              placeholder="de"
              value={locale}
              onChange={(e) => setLocale(e.currentTarget.value)}
            />
            <Button type="submit" variant="default" w="fit-content">
              {t("help.translations.add")}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
