import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import { useCall } from "./channelsApi.ts";
import { useChannelsText } from "./channelsText.ts";

/**
 * A call's recording link and its transcript, under the call on the timeline. The event keeps
 * only the transcript's start; "Show transcript" fetches the whole text from the call.
 */
export function CallDetails(props: {
  callId: string;
  recordingUrl?: string | undefined;
  hasTranscript: boolean;
}) {
  const { t } = useChannelsText();
  const [open, setOpen] = useState(false);
  const call = useCall(props.callId, open);
  // Only https links are stored (the contract refuses others); checked again before rendering.
  const recording = props.recordingUrl && /^https:\/\//.test(props.recordingUrl) ? props.recordingUrl : null;
  return (
    <Stack gap={4}>
      <Group gap="sm">
        {recording && (
          <Anchor href={recording} target="_blank" rel="noopener noreferrer" size="sm">
            <Group gap={4} wrap="nowrap">
              <IconPlayerPlay size={14} aria-hidden />
              {t("callDetails.recording")}
            </Group>
          </Anchor>
        )}
        {props.hasTranscript && (
          <Button size="compact-xs" variant="subtle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? t("callDetails.hideTranscript") : t("callDetails.showTranscript")}
          </Button>
        )}
      </Group>
      {open && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }} data-transcript>
          {call.data ? (call.data.transcript ?? "") : t("callDetails.loading")}
        </Text>
      )}
    </Stack>
  );
}
