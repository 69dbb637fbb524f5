import { Alert, Button, Card, Group, Loader, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import type { AppealView } from "../../../../contracts/conduct.ts";
import { useAppeals, useDecideAppeal } from "./conductApi.ts";
import { useConductText } from "./conductText.ts";

const date = (iso: string) => new Date(iso).toLocaleDateString();

/** Appeals, open first, each with the decision form (the server refuses the decider: 403). */
export function AppealsSection() {
  const { t } = useConductText();
  const appeals = useAppeals();
  if (appeals.isPending) return <Loader size="sm" />;
  if (appeals.isError)
    return <Alert color="red">{t("conduct.loadError", { message: appeals.error.message })}</Alert>;
  if (appeals.data.items.length === 0) return <Text c="dimmed">{t("conduct.appeals.empty")}</Text>;
  return (
    <Stack>
      {appeals.data.items.map((a) => (
        <AppealCard key={a.id} appeal={a} />
      ))}
    </Stack>
  );
}

function AppealCard({ appeal: a }: { appeal: AppealView }) {
  const { t } = useConductText();
  const decide = useDecideAppeal();
  const [outcome, setOutcome] = useState<"upheld" | "overturned">("upheld");
  const [response, setResponse] = useState("");
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {a.customerName} · {t(`conduct.step.kinds.${a.stepKind}`)}
          </Text>
          <Text size="sm" c="dimmed">
            {t("conduct.appeals.received", { date: date(a.receivedAt) })}
          </Text>
        </Group>
        <Text style={{ whiteSpace: "pre-wrap" }}>{a.body}</Text>
        <Text size="sm" c="dimmed">
          {a.assigneeName
            ? t("conduct.appeals.assignee", { name: a.assigneeName })
            : t("conduct.appeals.unassigned")}
        </Text>
        {a.outcome ? (
          <Text size="sm">
            {t("conduct.appeals.decided", { outcome: a.outcome, date: a.decidedAt ? date(a.decidedAt) : "" })}
            : {a.response}
          </Text>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              decide.mutate({ id: a.id, outcome, response });
            }}
          >
            <Stack gap="xs">
              <Radio.Group
                label={t("conduct.appeals.outcome")}
                value={outcome}
                onChange={(v) => setOutcome(v as "upheld" | "overturned")}
              >
                <Group mt={4}>
                  <Radio value="upheld" label={t("conduct.appeals.upheld")} />
                  <Radio value="overturned" label={t("conduct.appeals.overturned")} />
                </Group>
              </Radio.Group>
              <Textarea
                label={t("conduct.appeals.response")}
                required
                autosize
                minRows={3}
                value={response}
                onChange={(e) => setResponse(e.currentTarget.value)}
              />
              {decide.isError && <Alert color="red">{decide.error.message}</Alert>}
              <Group>
                <Button type="submit" loading={decide.isPending} disabled={!response.trim()}>
                  {t("conduct.appeals.decide")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
