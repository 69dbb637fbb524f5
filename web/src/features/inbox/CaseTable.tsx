import { Anchor, Badge, Checkbox, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Case } from "../../../../contracts/cases.ts";
import { PriorityBadge, StatusBadge } from "../cases/CaseBadges.tsx";
import { SlaBadge } from "../sla/SlaBadge.tsx";
import { relativeTime, waitingText } from "./waiting.ts";

/** The inbox list. The subject is the link (keyboard and screen readers); the row is a bigger click target. */
export function CaseTable(props: {
  cases: Case[];
  selected?: ReadonlySet<string>;
  onSelect?: (ids: string[], on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const selectable = props.selected !== undefined && props.onSelect !== undefined;
  const picked = props.cases.filter((c) => props.selected?.has(c.id)).length;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={t("inbox.tableLabel")}>
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t("caseMoves.selectAll")}
                  checked={picked > 0 && picked === props.cases.length}
                  indeterminate={picked > 0 && picked < props.cases.length}
                  onChange={(e) =>
                    props.onSelect?.(
                      props.cases.map((c) => c.id),
                      e.currentTarget.checked,
                    )
                  }
                />
              </Table.Th>
            )}
            <Table.Th>{t("inbox.columns.customer")}</Table.Th>
            <Table.Th>{t("inbox.columns.subject")}</Table.Th>
            <Table.Th>{t("inbox.columns.status")}</Table.Th>
            <Table.Th>{t("inbox.columns.priority")}</Table.Th>
            <Table.Th>{t("inbox.columns.sla")}</Table.Th>
            <Table.Th>{t("inbox.columns.waiting")}</Table.Th>
            <Table.Th>{t("inbox.columns.assignee")}</Table.Th>
            <Table.Th>{t("inbox.columns.lastActivity")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.cases.map((c) => (
            <Table.Tr
              key={c.id}
              data-case-id={c.id}
              style={{ cursor: "pointer" }}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("a, input, label, [data-select-cell]")) return;
                navigate(`/app/cases/${c.id}`);
              }}
            >
              {selectable && (
                <Table.Td data-select-cell>
                  <Checkbox
                    aria-label={t("caseMoves.selectCase", { number: c.number })}
                    checked={props.selected?.has(c.id) ?? false}
                    onChange={(e) => props.onSelect?.([c.id], e.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {c.customer.name}
                  </Text>
                  {c.customer.organization && (
                    <Text size="xs" c="dimmed">
                      {c.customer.organization}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td maw={380}>
                <Anchor component={Link} to={`/app/cases/${c.id}`} size="sm" className="case-link">
                  <Text span c="dimmed" size="sm">
                    {t("cases.number", { number: c.number })}
                  </Text>{" "}
                  {c.subject}
                </Anchor>
                {c.channel === "chat" && (
                  <Badge size="xs" ml={6}>
                    {t("cases.channels.chat")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <StatusBadge status={c.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <PriorityBadge priority={c.priority} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <SlaBadge sla={c.sla} />
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  fw={c.waitingSince ? 600 : undefined}
                  c={c.waitingSince ? undefined : "dimmed"}
                >
                  {waitingText(t, c.waitingSince) ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.assignee?.name ?? t("inbox.unassigned")}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" title={c.lastActivityAt}>
                  {relativeTime(c.lastActivityAt, i18n.language)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
