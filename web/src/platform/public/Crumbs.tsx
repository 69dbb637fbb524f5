import { Anchor, Text } from "@mantine/core";

export type Crumb = { label: string; href: string };

/**
 * Where a public page sits: the trail of links up to its area's home, then this page (not a
 * link). `label` names the trail for screen readers ("Breadcrumb"), in the area's own text.
 */
export function Crumbs(props: { crumbs: Crumb[]; current: string; label: string }) {
  return (
    <nav aria-label={props.label}>
      <ol className="public-crumbs">
        {props.crumbs.map((c) => (
          <li key={c.href}>
            <Anchor href={c.href} size="sm">
              {c.label}
            </Anchor>
          </li>
        ))}
        <li aria-current="page">
          <Text span size="sm" c="dimmed">
            {props.current}
          </Text>
        </li>
      </ol>
    </nav>
  );
}
