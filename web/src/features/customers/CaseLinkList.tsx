import { Anchor, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Case } from "../../../../contracts/cases.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { StatusBadge } from "../cases/CaseBadges.tsx";

/** Compact links to a customer's cases, with status, so earlier problems are one click away. */
export function CaseLinkList(props: { cases: Case[]; currentId?: string; empty: string }) {
  const { t, i18n } = useTranslation();
  if (props.cases.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {props.empty}
      </Text>
    );
  return (
    <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {props.cases.map((c) => (
        <li key={c.id}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Anchor
              component={Link}
              to={`/app/cases/${c.id}`}
              size="sm"
              truncate="end"
              aria-current={c.id === props.currentId ? "page" : undefined}
              fw={c.id === props.currentId ? 700 : undefined}
            >
              {t("cases.number", { number: c.number })} {c.subject}
            </Anchor>
            <StatusBadge status={c.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {formatDateTime(c.lastActivityAt, i18n.language)}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
