import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconChartBar, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { ARTICLE_STATES, type ArticleState } from "../../../../contracts/help.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { CategoryManager } from "./CategoryManager.tsx";
import { useArticleList, useCategories } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

export const STATE_COLOR: Record<ArticleState, string> = {
  draft: "gray",
  published: "teal",
  archived: "orange",
};

/** Help articles for staff: every state and visibility, filtered by state, locale, category and title. */
export function HelpArticlesPage() {
  const { t, i18n } = useHelpText();
  const [state, setState] = useState<string | null>(null);
  const [locale, setLocale] = useState("");
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [debouncedLocale] = useDebouncedValue(locale, 250);
  const [managing, setManaging] = useState(false);
  const categories = useCategories();
  const list = useArticleList({
    state: (state ?? undefined) as ArticleState | undefined,
    locale: /^[a-z]{2,3}(-[A-Z]{2})?$/.test(debouncedLocale) ? debouncedLocale : "",
    categoryId: categoryId ?? "",
    q: debouncedQ,
  });
  const categoryName = new Map((categories.data?.items ?? []).map((c) => [c.id, c.name]));
  const items = list.data?.items ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <PageTitle>{t("help.title")}</PageTitle>
        <Group gap="sm">
          <Button
            variant="default"
            component={Link}
            to="/app/help/analytics"
            leftSection={<IconChartBar size={16} aria-hidden />}
          >
            {t("help.analytics.open")}
          </Button>
          <Button variant="default" onClick={() => setManaging(true)}>
            {t("help.categories.manage")}
          </Button>
          <Button component={Link} to="/app/help/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t("help.newArticle")}
          </Button>
        </Group>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t("help.filters.search")}
          placeholder={t("help.filters.searchPlaceholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <Select
          label={t("help.filters.state")}
          placeholder={t("help.filters.anyState")}
          clearable
          value={state}
          onChange={setState}
          data={ARTICLE_STATES.map((s) => ({ value: s, label: t(`help.states.${s}`) }))}
          w={170}
        />
        <TextInput
          label={t("help.filters.locale")}
          placeholder="en"
          value={locale}
          onChange={(e) => setLocale(e.currentTarget.value)}
          w={100}
        />
        <Select
          label={t("help.filters.category")}
          placeholder={t("help.filters.anyCategory")}
          clearable
          value={categoryId}
          onChange={setCategoryId}
          data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          w={220}
        />
      </Group>
      {list.isError && (
        <Alert color="red" role="alert">
          {t("help.loadError")}
        </Alert>
      )}
      <Paper withBorder radius="md">
        {list.isPending ? (
          <Center py="xl">
            <Loader size="sm" aria-label={t("common.loading")} />
          </Center>
        ) : items.length === 0 ? (
          <Text c="dimmed" p="lg">
            {t("help.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover aria-label={t("help.listLabel")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("help.columns.title")}</Table.Th>
                  <Table.Th>{t("help.columns.state")}</Table.Th>
                  <Table.Th>{t("help.columns.visibility")}</Table.Th>
                  <Table.Th>{t("help.columns.category")}</Table.Th>
                  <Table.Th>{t("help.columns.locale")}</Table.Th>
                  <Table.Th>{t("help.columns.updated")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/help/${a.id}`} fw={600}>
                        {a.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={STATE_COLOR[a.state]}
                        autoContrast
                        style={{ minWidth: "max-content" }}
                      >
                        {t(`help.states.${a.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t(`help.visibilities.${a.visibility}`)}</Table.Td>
                    <Table.Td>
                      {a.categoryId ? (categoryName.get(a.categoryId) ?? "") : t("help.noCategory")}
                    </Table.Td>
                    <Table.Td>{a.locale}</Table.Td>
                    <Table.Td>{formatDateTime(a.updatedAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <CategoryManager opened={managing} onClose={() => setManaging(false)} />
    </Stack>
  );
}
