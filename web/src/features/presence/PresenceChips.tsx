import { Badge, Group } from "@mantine/core";
import { IconEye, IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Presence } from "./usePresence.ts";

/** "Alex is replying": a live region, so screen-reader users hear about a collision too. */
export function PresenceChips(props: { others: Presence[] }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="status" aria-label={t("presence.label")} mih={0}>
      {props.others.map((p) => (
        <Badge
          key={p.userId}
          color={p.state === "replying" ? "grape" : "blue"}
          variant="light"
          leftSection={
            p.state === "replying" ? <IconPencil size={12} aria-hidden /> : <IconEye size={12} aria-hidden />
          }
        >
          {t(p.state === "replying" ? "presence.replying" : "presence.viewing", { name: p.name })}
        </Badge>
      ))}
    </Group>
  );
}
