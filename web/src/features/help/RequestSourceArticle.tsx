import { Alert, Anchor, CloseButton, Group, Text } from "@mantine/core";
import { IconBook } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { articleSchema } from "../../../../contracts/help.ts";
import { apiParsed } from "../../api/client.ts";
import { useHelpText } from "./helpText.ts";

/**
 * The article a request comes from (the help center's "contact support" link carries its slug
 * and locale), read through the help API by the customer's own rights: an article they may not
 * read loads nothing and is not attached.
 */
export function useSourceArticle(slug: string | null, locale: string | null) {
  return useQuery({
    queryKey: ["help", "source-article", locale, slug],
    queryFn: () =>
      apiParsed(
        articleSchema,
        `/api/v1/help/articles/by-slug/${encodeURIComponent(locale || "en")}/${encodeURIComponent(slug ?? "")}`,
      ),
    enabled: Boolean(slug),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** "About the article: <title>" on the new-request form, with a way to remove it. */
export function RequestSourceArticle(props: { title: string; slug: string; onRemove: () => void }) {
  const { t } = useHelpText();
  return (
    <Alert
      variant="light"
      color="blue"
      icon={<IconBook aria-hidden />}
      role="region"
      aria-label={t("help.portal.aboutArticleLabel")}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">
          {t("help.portal.aboutArticle")}{" "}
          <Anchor href={`/help/articles/${encodeURIComponent(props.slug)}`} target="_blank" fw={600} inherit>
            {props.title}
          </Anchor>
        </Text>
        <CloseButton
          onClick={props.onRemove}
          aria-label={t("help.portal.removeArticle", { title: props.title })}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t("help.portal.aboutArticleHint")}
      </Text>
    </Alert>
  );
}
