import { Anchor, Box, Container, Group } from "@mantine/core";
import type { ReactNode } from "react";

export type PublicFrameLink = { href: string; label: string };

/**
 * The frame of a server-rendered public area (the feedback portal, the academy, its live
 * sessions): the page background, a header with the area's home link on the left and the
 * area's links on the right, then the page. Plain <a> links, so it works without JavaScript.
 */
export function PublicFrame(props: {
  /** Where the home link goes, its accessible name (when its content is a logo), and what it shows. */
  home: { href: string; label?: string; content: ReactNode };
  navLabel: string;
  links: PublicFrameLink[];
  /** Before the header, e.g. an area's own <style>. */
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      {props.before}
      <Box
        component="header"
        py="sm"
        px="lg"
        bg="var(--mantine-color-body)"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Container size="md" px={0}>
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Anchor
              href={props.home.href}
              underline="never"
              c="inherit"
              miw={0}
              aria-label={props.home.label}
            >
              {props.home.content}
            </Anchor>
            <nav aria-label={props.navLabel}>
              <Group gap="md" wrap="nowrap">
                {props.links.map((link) => (
                  <Anchor key={link.href} href={link.href} size="sm">
                    {link.label}
                  </Anchor>
                ))}
              </Group>
            </nav>
          </Group>
        </Container>
      </Box>
      {props.children}
    </Box>
  );
}
