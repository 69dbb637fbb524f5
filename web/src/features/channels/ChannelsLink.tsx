import { Anchor, Text } from "@mantine/core";
import { Link } from "react-router";
import { useChannelsText } from "./channelsText.ts";

/**
 * The way to Settings → Channels from the webhooks page, its neighbour (both signed outbound
 * integrations). Not a nav entry of its own: the app frame is in the inbox's first load, whose
 * 300 kB budget is full.
 */
export function ChannelsLink() {
  const { t } = useChannelsText();
  return (
    <Text size="sm">
      {t("channels.seeAlso")}{" "}
      <Anchor component={Link} to="/app/settings/channels">
        {t("channels.title")}
      </Anchor>
    </Text>
  );
}
