import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconMessageCircleHeart } from "@tabler/icons-react";

/** Logo mark plus a name (the workspace's, or Rapport's); a long name truncates, never overflows. */
export function Brand(props: { name: string; size?: "sm" | "lg" }) {
  const large = props.size === "lg";
  return (
    <Group gap="xs" wrap="nowrap" miw={0}>
      <ThemeIcon size={large ? 40 : 32} radius="md" variant="filled" aria-hidden style={{ flexShrink: 0 }}>
        <IconMessageCircleHeart size={large ? 24 : 20} />
      </ThemeIcon>
      <Text fw={700} fz={large ? "xl" : "lg"} truncate="end">
        {props.name}
      </Text>
    </Group>
  );
}
