import { Badge, Table, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Change } from "../../../../contracts/diagnostics.ts";
import { valueText } from "./paths.ts";

// Shade 9 on the dark background is under 3:1; dark mode takes the light shade 4.
const UP_TEXT = "light-dark(var(--mantine-color-teal-9), var(--mantine-color-teal-4))";
const DOWN_TEXT = "light-dark(var(--mantine-color-red-9), var(--mantine-color-red-4))";
const KIND_COLOR = { added: "teal", removed: "red", changed: "blue" } as const;

function formatDelta(delta: number): string {
  const abs = Math.abs(delta);
  return Number.isInteger(abs) ? String(abs) : String(Number(abs.toPrecision(6)));
}

/** Numeric change: an arrow, the sign in words for screen readers, green when up and red when down. */
function Delta(props: { delta: number | undefined }) {
  const { t } = useTranslation();
  if (props.delta === undefined) return <>—</>;
  if (props.delta === 0) return <>0</>;
  const up = props.delta > 0;
  const amount = formatDelta(props.delta);
  return (
    <Text span size="sm" fw={600} c={up ? UP_TEXT : DOWN_TEXT} data-direction={up ? "up" : "down"}>
      <span aria-hidden>
        {up ? "▲ +" : "▼ −"}
        {amount}
      </span>
      <VisuallyHidden>{t(up ? "diagnostics.up" : "diagnostics.down", { delta: amount })}</VisuallyHidden>
    </Text>
  );
}

/** The changes between two snapshots, side by side; unchanged values are folded away. */
export function DiffTable(props: { changes: Change[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={props.label} striped verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("diagnostics.change.path")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.change.kind")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.change.before")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.change.after")}</Table.Th>
            <Table.Th scope="col">{t("diagnostics.change.delta")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.changes.map((c) => (
            <Table.Tr key={c.path} data-path={c.path} data-kind={c.kind}>
              <Table.Th scope="row" ff="monospace" fw={500} style={{ wordBreak: "break-all" }}>
                {c.path}
              </Table.Th>
              <Table.Td>
                <Badge size="sm" variant="light" color={KIND_COLOR[c.kind]}>
                  {t(`diagnostics.kinds.${c.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace" style={{ wordBreak: "break-word" }}>
                {c.kind === "added" ? "—" : valueText(c.before)}
              </Table.Td>
              <Table.Td ff="monospace" style={{ wordBreak: "break-word" }}>
                {c.kind === "removed" ? "—" : valueText(c.after)}
              </Table.Td>
              <Table.Td>
                <Delta delta={c.delta} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
