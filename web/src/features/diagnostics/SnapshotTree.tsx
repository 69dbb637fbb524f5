import { Box, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { childPath as joinPath } from "./paths.ts";

const MASKED = "[masked]";
type Json = unknown;

const isBranch = (v: Json): v is Record<string, Json> | Json[] => typeof v === "object" && v !== null;
const entriesOf = (v: Record<string, Json> | Json[]): [string | number, Json][] =>
  Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);

/** Does this key or value (or anything below it) contain the search text? */
export function matches(key: string | number, value: Json, q: string): boolean {
  if (!q) return true;
  if (String(key).toLowerCase().includes(q)) return true;
  if (isBranch(value)) return entriesOf(value).some(([k, v]) => matches(k, v, q));
  return JSON.stringify(value).toLowerCase().includes(q);
}

function Leaf(props: { value: Json }) {
  const { t } = useTranslation();
  const v = props.value;
  // A masked secret stays masked, and says so, rather than looking like an ordinary string.
  if (v === MASKED)
    return (
      <Text span c="red.9" fs="italic" title={t("diagnostics.viewer.maskedHint")}>
        {MASKED}
      </Text>
    );
  if (typeof v === "string") return <Text span c="teal.9">{`"${v}"`}</Text>;
  if (v === null)
    return (
      <Text span c="dimmed">
        null
      </Text>
    );
  return (
    <Text span c="blue.9">
      {String(v)}
    </Text>
  );
}

function Node(props: { name: string | number; value: Json; path: string; depth: number; query: string }) {
  const { value, query } = props;
  // Open near the top; a search opens every branch on the way to a match.
  const [open, setOpen] = useState(props.depth < 2);
  const label = typeof props.name === "number" ? `[${props.name}]` : props.name;
  const indent = { paddingInlineStart: props.depth * 16 };
  if (!isBranch(value))
    return (
      <Box component="li" data-path={props.path} style={indent}>
        <Text span fw={600}>
          {label}
        </Text>
        : <Leaf value={value} />
      </Box>
    );
  const shown = query !== "" || open;
  const children = entriesOf(value).filter(([k, v]) => matches(k, v, query));
  const size = Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
  return (
    <Box component="li" data-path={props.path}>
      <UnstyledButton onClick={() => setOpen(!open)} aria-expanded={shown} style={indent}>
        {shown ? <IconChevronDown size={12} aria-hidden /> : <IconChevronRight size={12} aria-hidden />}{" "}
        <Text span fw={600}>
          {label}
        </Text>{" "}
        <Text span c="dimmed" size="xs">
          {size}
        </Text>
      </UnstyledButton>
      {shown && (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {children.map(([k, v]) => (
            <Node
              key={String(k)}
              name={k}
              value={v}
              path={joinPath(props.path, k)}
              depth={props.depth + 1}
              query={query}
            />
          ))}
        </ul>
      )}
    </Box>
  );
}

/**
 * A JSON object as a collapsible tree (nested lists; each branch is a button with
 * aria-expanded); `query` (lower case) keeps only branches that match and opens them.
 */
export function SnapshotTree(props: { data: Record<string, Json>; query: string; label: string }) {
  const top = Object.entries(props.data).filter(([k, v]) => matches(k, v, props.query));
  return (
    <Box
      component="ul"
      aria-label={props.label}
      ff="monospace"
      fz="sm"
      style={{ listStyle: "none", margin: 0, padding: 0, wordBreak: "break-word" }}
    >
      {top.map(([k, v]) => (
        <Node key={k} name={k} value={v} path={joinPath("", k)} depth={0} query={props.query} />
      ))}
    </Box>
  );
}
