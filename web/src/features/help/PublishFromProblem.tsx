import { Anchor, Button, Group, Text } from "@mantine/core";
import { IconBook } from "@tabler/icons-react";
import { Link } from "react-router";
import { splitError } from "../problems/fieldErrors.ts";
import { publishFromProblem, useHelpWrite } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

/**
 * On a problem with a public title and workaround: publish (or refresh) the help article made
 * from them, then link to it.
 */
export function PublishFromProblem(props: { problemId: string }) {
  const { t } = useHelpText();
  const publish = useHelpWrite(() => publishFromProblem(props.problemId));
  const errors = splitError(publish.error, t("common.genericError"));
  return (
    <Group gap="sm">
      <Button
        variant="light"
        leftSection={<IconBook size={16} aria-hidden />}
        loading={publish.isPending}
        onClick={() => publish.mutate(undefined)}
      >
        {t("help.publishFromProblem.button")}
      </Button>
      {publish.data && (
        <Text size="sm" role="status">
          {t("help.publishFromProblem.done")}{" "}
          <Anchor component={Link} to={`/app/help/${publish.data.id}`}>
            {t("help.publishFromProblem.open")}
          </Anchor>
        </Text>
      )}
      {errors.form && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {errors.form}
        </Text>
      )}
    </Group>
  );
}
