import { Anchor, Button, Group, Paper, Radio, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { HelpPageData } from "../../../../../contracts/help-pages.ts";
import { useHelpText } from "../helpText.ts";

type Step = "ask" | "why" | "thanks" | "sorry";
const REASONS = ["not_related", "did_not_answer", "out_of_date"] as const;

/**
 * "Did this help?": a plain form posted to the server without JavaScript (which answers with a
 * redirect back here, `?feedback=why|thanks|sorry`); with JavaScript the vote goes to the votes
 * API directly, and a missing API (404) is ignored so the visitor is thanked either way.
 */
export function Feedback({ data }: { data: Extract<HelpPageData, { page: "article" }> }) {
  const { t } = useHelpText();
  const a = data.article;
  const [step, setStep] = useState<Step>(data.feedback ?? "ask");
  const action = data.feedbackAction;
  // The portal's new-request form shows this article and sends it with the request.
  const contact = `/portal/new?${new URLSearchParams({ article: a.slug, locale: a.locale })}`;

  const vote = (helpful: boolean, reason?: string) => {
    void fetch(`/api/v1/help/articles/${a.id}/votes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ helpful, ...(reason ? { reason } : {}) }),
    }).catch(() => undefined);
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(e.currentTarget);
    if (step === "ask") {
      if (submitter?.value === "yes") {
        vote(true);
        setStep("thanks");
      } else setStep("why");
      return;
    }
    const reason = String(form.get("reason") ?? "");
    if (!reason) return;
    vote(false, reason);
    setStep("sorry");
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="feedback-title" id="feedback">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="feedback-title">
          {t("helpCenter.feedback.title")}
        </Title>
        {step === "ask" && (
          <form method="post" action={action} onSubmit={onSubmit}>
            <Group gap="sm">
              <Button type="submit" name="helpful" value="yes" variant="default">
                {t("helpCenter.feedback.yes")}
              </Button>
              <Button type="submit" name="helpful" value="no" variant="default">
                {t("helpCenter.feedback.no")}
              </Button>
            </Group>
          </form>
        )}
        {step === "why" && (
          <form method="post" action={action} onSubmit={onSubmit}>
            <input type="hidden" name="helpful" value="no" />
            <Stack gap="sm" align="flex-start">
              <Radio.Group name="reason" label={t("helpCenter.feedback.whyTitle")} required>
                <Stack gap="xs" mt="xs">
                  {REASONS.map((r) => (
                    <Radio key={r} value={r} label={t(`helpCenter.feedback.reasons.${r}`)} required />
                  ))}
                </Stack>
              </Radio.Group>
              <Group gap="sm">
                <Button type="submit">{t("helpCenter.feedback.send")}</Button>
                <Anchor href={contact}>{t("helpCenter.contactSupport")}</Anchor>
              </Group>
            </Stack>
          </form>
        )}
        {step === "thanks" && (
          <Text role="status" fw={500}>
            {t("helpCenter.feedback.thanks")}
          </Text>
        )}
        {step === "sorry" && (
          <Stack gap="sm" align="flex-start">
            <Text role="status" fw={500}>
              {t("helpCenter.feedback.sorry")}
            </Text>
            <Button component="a" href={contact}>
              {t("helpCenter.contactSupport")}
            </Button>
          </Stack>
        )}
        {step === "ask" && (
          <Text size="sm" c="dimmed">
            {t("helpCenter.feedback.stillStuck")}{" "}
            <Anchor href={contact} inherit underline="always">
              {t("helpCenter.contactSupport")}
            </Anchor>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
