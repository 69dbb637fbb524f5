import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconClock } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { expectedReplySchema } from "../../../../contracts/expectations.ts";
import { ApiError, apiParsed } from "../../api/client.ts";

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The portal's honest "a person will reply by …" (issue #18), the same promise as the
 * acknowledgement email, in the customer's zone (their facts, else this browser's). Nothing is
 * shown once someone has replied, or on a server that cannot tell.
 */
export function ExpectedReply(props: { caseId: string }) {
  const expected = useQuery({
    queryKey: ["expected-reply", props.caseId],
    queryFn: async () => {
      try {
        return await apiParsed(
          expectedReplySchema,
          `/api/v1/portal/cases/${props.caseId}/expected-reply?tz=${encodeURIComponent(BROWSER_ZONE)}`,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
  const text = expected.data?.text;
  if (!text) return null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="expected-reply">
      <ThemeIcon variant="light" color="blue" size={24} radius="xl" aria-hidden>
        <IconClock size={16} />
      </ThemeIcon>
      <Text size="sm">{text}</Text>
    </Group>
  );
}
