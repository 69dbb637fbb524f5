import { Box, Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Article } from "../../../../contracts/help.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { fetchCompare, restoreVersion, useHelpWrite, useVersions } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

type DiffLine = { op: "equal" | "add" | "remove"; text: string };

function DiffLines(props: { lines: DiffLine[]; label: string }) {
  const { t } = useHelpText();
  const changed = props.lines.some((l) => l.op !== "equal");
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700}>
        {props.label}
      </Text>
      {!changed ? (
        <Text size="xs" c="dimmed">
          {t("help.history.noChanges")}
        </Text>
      ) : (
        <Box
          component="pre"
          m={0}
          p={4}
          style={{
            fontFamily: "var(--mantine-font-family-monospace)",
            fontSize: 12,
            whiteSpace: "pre-wrap",
            wordBreak: "break-word",
            border: "1px solid var(--mantine-color-default-border)",
            borderRadius: 4,
          }}
        >
          {props.lines.map((l, i) => {
            const Tag = l.op === "add" ? "ins" : l.op === "remove" ? "del" : "span";
            const sign = l.op === "add" ? "+ " : l.op === "remove" ? "- " : "  ";
            return (
              <Tag
                // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity but their place
                key={i}
                data-op={l.op}
                style={{
                  display: "block",
                  textDecoration: "none",
                  background:
                    l.op === "add"
                      ? "var(--mantine-color-green-1)"
                      : l.op === "remove"
                        ? "var(--mantine-color-red-1)"
                        : undefined,
                  color: l.op === "equal" ? undefined : "var(--mantine-color-black)",
                }}
              >
                {sign}
                {l.text}
              </Tag>
            );
          })}
        </Box>
      )}
    </Stack>
  );
}

/** The article's versions: compare any two (a line diff from the server), restore one. */
export function ArticleHistory(props: { article: Article }) {
  const { t, i18n } = useHelpText();
  const id = props.article.id;
  const versions = useVersions(id);
  const items = versions.data?.items ?? [];
  const numbers = items.map((v) => ({
    value: String(v.number),
    label: t("help.history.versionLabel", { number: v.number }),
  }));
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const compare = useMutation({
    mutationFn: (pair: { from: number; to: number }) => fetchCompare(id, pair.from, pair.to),
  });
  const restore = useHelpWrite((n: number) => restoreVersion(id, n));
  const sorted = [...items].sort((a, b) => b.number - a.number);
  const fromValue = from ?? (sorted[1] ? String(sorted[1].number) : null);
  const toValue = to ?? (sorted[0] ? String(sorted[0].number) : null);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="article-history">
      <Stack gap="sm">
        <Title order={2} size="h4" id="article-history">
          {t("help.history.title")}
        </Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("help.history.empty")}
          </Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {sorted.map((v) => (
              <Group component="li" key={v.number} justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {t("help.history.versionLabel", { number: v.number })}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {t("help.history.by", {
                      when: formatDateTime(v.createdAt, i18n.language),
                      who: v.createdBy ?? "—",
                    })}
                  </Text>
                </div>
                {v.number !== props.article.version && (
                  <Button
                    size="compact-xs"
                    variant="default"
                    style={{ flexShrink: 0 }}
                    aria-label={t("help.history.restoreLabel", { number: v.number })}
                    loading={restore.isPending && restore.variables === v.number}
                    onClick={() =>
                      restore.mutate(v.number, {
                        onSuccess: () =>
                          notifications.show({
                            color: "teal",
                            message: t("help.history.restored", { number: v.number }),
                            closeButtonProps: { "aria-label": t("common.close") },
                          }),
                      })
                    }
                  >
                    {t("help.history.restore")}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {items.length > 1 && (
          <Stack gap="xs">
            <Group grow gap="xs" align="flex-end">
              <Select
                label={t("help.history.compareFrom")}
                data={numbers}
                value={fromValue}
                onChange={setFrom}
                allowDeselect={false}
              />
              <Select
                label={t("help.history.compareTo")}
                data={numbers}
                value={toValue}
                onChange={setTo}
                allowDeselect={false}
              />
            </Group>
            <Button
              variant="light"
              loading={compare.isPending}
              disabled={!fromValue || !toValue}
              onClick={() => compare.mutate({ from: Number(fromValue), to: Number(toValue) })}
            >
              {t("help.history.compare")}
            </Button>
            {compare.data && (
              <Stack
                gap="xs"
                role="region"
                aria-label={t("help.history.diffLabel", { from: compare.data.from, to: compare.data.to })}
              >
                <DiffLines lines={compare.data.title} label={t("help.history.titleDiff")} />
                <DiffLines lines={compare.data.body} label={t("help.history.bodyDiff")} />
              </Stack>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
