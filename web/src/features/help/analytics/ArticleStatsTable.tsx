import { Anchor, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowsSort, IconArrowUp } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { HelpAnalytics } from "../helpApi.ts";
import { useHelpText } from "../helpText.ts";

type Row = HelpAnalytics["articles"][number];
const COLUMNS = ["title", "views", "helpful", "unhelpful", "deflections", "confirmed"] as const;
type Column = (typeof COLUMNS)[number];

const value = (r: Row, c: Column): number | string =>
  c === "title" ? r.title.toLocaleLowerCase() : c === "confirmed" ? r.confirmedDeflections : r[c];

/**
 * Per article: views, votes (with why readers said no), deflections. Sorted by views by default
 * (the most read first); each header sorts, a second press reverses.
 */
export function ArticleStatsTable(props: { articles: Row[] }) {
  const { t } = useHelpText();
  const [sort, setSort] = useState<{ by: Column; desc: boolean }>({ by: "views", desc: true });
  const rows = [...props.articles].sort((a, b) => {
    const x = value(a, sort.by);
    const y = value(b, sort.by);
    const order = x < y ? -1 : x > y ? 1 : a.title.localeCompare(b.title);
    return sort.desc ? -order : order;
  });

  const header = (c: Column) => {
    const active = sort.by === c;
    const Icon = active ? (sort.desc ? IconArrowDown : IconArrowUp) : IconArrowsSort;
    return (
      <Table.Th
        key={c}
        aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}
        ta={c === "title" ? "left" : "right"}
      >
        <UnstyledButton
          onClick={() => setSort({ by: c, desc: active ? !sort.desc : c !== "title" })}
          aria-label={t("help.analytics.sortBy", { column: t(`help.analytics.columns.${c}`) })}
          fw={600}
          fz="sm"
          style={{ display: "inline-flex", alignItems: "center", gap: 4, whiteSpace: "nowrap" }}
        >
          {t(`help.analytics.columns.${c}`)}
          <Icon size={14} aria-hidden />
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover aria-label={t("help.analytics.articlesLabel")}>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map(header)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => {
            const reasons = (["not_related", "did_not_answer", "out_of_date"] as const).filter(
              (k) => a.reasons[k] > 0,
            );
            return (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/app/help/${a.id}`} fw={600}>
                    {a.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.locale}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{a.views}</Table.Td>
                <Table.Td ta="right">{a.helpful}</Table.Td>
                <Table.Td ta="right">
                  <Stack gap={0} align="flex-end">
                    <span>{a.unhelpful}</span>
                    {reasons.map((k) => (
                      <Text key={k} size="xs" c="dimmed">
                        {t(`help.analytics.reasons.${k}`, { count: a.reasons[k] })}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{a.deflections}</Table.Td>
                <Table.Td ta="right">{a.confirmedDeflections}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
