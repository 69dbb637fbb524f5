import { Alert, Anchor, Box, Center, Grid, Loader, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { CaseActionsSlot } from "../actions/slots.tsx";
import { RepeatBadgeSlot } from "../at-risk/slots.tsx";
import { useMe } from "../auth/session.ts";
import { RelatedCasesSlot } from "../case-links/slot.tsx";
import { CaseChatSlot } from "../chat/slots.tsx";
import { CommunityTopicLinks } from "../community/staff/slots.tsx";
import { ConductBannerSlot } from "../conduct/slots.tsx";
import { HandToLeadSlot } from "../conduct-shield/slots.tsx";
import { CustomerPanel } from "../customers/CustomerPanel.tsx";
import { RecordFactModal } from "../customers/RecordFactModal.tsx";
import { CaseEscalations } from "../escalations/CaseEscalations.tsx";
import { CaseIdeasSlot } from "../feedback/staff/slots.tsx";
import { DraftArticleButton, KnowledgePanel } from "../help/KnowledgePanel.tsx";
import { useMyMembershipId } from "../inbox/inboxApi.ts";
import { listPath, neighbour } from "../inbox/lastList.ts";
import { CasePlaybooksPanel } from "../playbooks/CasePlaybooksPanel.tsx";
import { PresenceChips } from "../presence/PresenceChips.tsx";
import { usePresence } from "../presence/usePresence.ts";
import { CaseHoldSlot } from "../privacy/slots.tsx";
import { CaseProblemsPanel } from "../problems/CaseProblemsPanel.tsx";
import { useShortcuts } from "../shortcuts/useShortcuts.ts";
import { CaseSurveySlot } from "../surveys/slots.tsx";
import { CaseHeader } from "./CaseHeader.tsx";
import { CaseMoveButtons, MergedBanner } from "./CaseMoves.tsx";
import { Composer, type ComposerMode } from "./Composer.tsx";
import { Conversation } from "./Conversation.tsx";
import { useCase, useUpdateCase } from "./casesApi.ts";
import { SelectionFact } from "./SelectionFact.tsx";

/** One case: who is asking, what was said, what is known about them, and the reply box. */
export function CasePage() {
  const { id = "" } = useParams();
  // Remount per case so composer text, presence and modals never leak between cases.
  return <CaseView key={id} id={id} />;
}

function CaseView(props: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const found = useCase(props.id);
  const update = useUpdateCase(props.id);
  const myId = useMyMembershipId();
  const [mode, setMode] = useState<ComposerMode>("reply");
  // Engineers read the case and add notes; replying and changing the case is agents' work.
  const permissions = useMe().data?.permissions ?? [];
  const canWork = permissions.includes("cases.work");
  const canWriteHelp = permissions.includes("help.manage");
  const insertIntoComposer = useRef<((text: string) => void) | null>(null);
  const [typing, setTyping] = useState(false);
  const [factValue, setFactValue] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const conversation = useRef<HTMLDivElement>(null);
  const others = usePresence(props.id, typing);

  const focusComposer = useCallback((next: ComposerMode) => {
    setMode(next);
    requestAnimationFrame(() => composer.current?.focus());
  }, []);
  const change = (patch: Parameters<typeof update.mutate>[0], done: string) =>
    update.mutate(patch, {
      onSuccess: () =>
        notifications.show({
          closeButtonProps: { "aria-label": t("common.close") },
          message: done,
          color: "teal",
        }),
    });
  const go = (step: 1 | -1) => {
    const next = neighbour(props.id, step);
    if (next && next !== props.id) navigate(`/app/cases/${next}`);
  };

  useShortcuts({
    j: () => go(1),
    k: () => go(-1),
    r: () => focusComposer("reply"),
    n: () => focusComposer("note"),
    a: () => myId && change({ assigneeId: myId }, t("cases.updated")),
    s: () => change({ status: "solved" }, t("cases.updated")),
  });

  if (found.isPending)
    return (
      <Center py="xl" component="section">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  if (!found.data)
    return (
      <Alert color="red" title={t("cases.notFound")}>
        <Anchor component={Link} to={listPath()}>
          {t("cases.backToInbox")}
        </Anchor>
      </Alert>
    );
  const c = found.data;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="md">
          <MergedBanner case={c} />
          <CaseHeader key={c.updatedAt} case={c} />
          <RepeatBadgeSlot caseId={c.id} />
          <ConductBannerSlot customerId={c.customer.id} />
          {canWork && <CaseMoveButtons case={c} />}
          {canWork && <HandToLeadSlot caseId={c.id} />}
          <PresenceChips others={others} />
          <CaseEscalations case={c} />
          <Box pos="relative" ref={conversation}>
            <Conversation
              caseId={c.id}
              canForward={canWork}
              messageActions={
                canWriteHelp
                  ? (m) => m.kind === "reply" && <DraftArticleButton message={m} caseNumber={c.number} />
                  : undefined
              }
            />
            <SelectionFact container={conversation} onRecord={setFactValue} />
          </Box>
          <Composer
            caseId={c.id}
            mode={mode}
            onModeChange={setMode}
            textareaRef={composer}
            onTypingChange={setTyping}
            notesOnly={!canWork}
            insertRef={insertIntoComposer}
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="md">
          <CaseChatSlot caseId={c.id} channel={c.channel} canWork={canWork} composer={composer} />
          <CaseActionsSlot caseId={c.id} permissions={permissions} />
          <CasePlaybooksPanel caseId={c.id} />
          {canWork && (
            <KnowledgePanel
              caseId={c.id}
              subject={c.subject}
              insert={(text) => {
                setMode("reply");
                insertIntoComposer.current?.(text);
              }}
            />
          )}
          <CaseProblemsPanel caseId={c.id} subject={c.subject} canWork={canWork} />
          <CommunityTopicLinks target={{ kind: "case", id: c.id }} canWork={canWork} />
          <CaseIdeasSlot caseId={c.id} canWork={canWork} />
          <CaseSurveySlot caseId={c.id} />
          <RelatedCasesSlot caseId={c.id} canWork={canWork} />
          <CaseHoldSlot caseId={c.id} />
          <CustomerPanel customerId={c.customer.id} caseId={c.id} />
        </Stack>
      </Grid.Col>
      <RecordFactModal
        opened={factValue !== null}
        onClose={() => setFactValue(null)}
        customer={c.customer}
        caseId={c.id}
        initialValue={factValue ?? ""}
      />
    </Grid>
  );
}
