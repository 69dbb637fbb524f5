import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconMessageCircleHeart } from "@tabler/icons-react";

/** Logo mark plus a name (the workspace's, or Rapport's). */
export function Brand(props: { name: string; size?: "sm" | "lg" }) {
  const large = props.size === "lg";
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={large ? 40 : 32} radius="md" variant="filled" aria-hidden>
        <IconMessageCircleHeart size={large ? 24 : 20} />
      </ThemeIcon>
      <Text fw={700} fz={large ? "xl" : "lg"} truncate="end">
        {props.name}
      </Text>
    </Group>
  );
}
