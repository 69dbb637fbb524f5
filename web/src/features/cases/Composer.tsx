import {
  Button,
  CloseButton,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  TagsInput,
  Text,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPaperclip, IconSend } from "@tabler/icons-react";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "../../../../contracts/cases.ts";
import { ApiError } from "../../api/client.ts";
import { LessonSlot, reportSuggestedLessons } from "../academy-support/slots.tsx";
import { useMe } from "../auth/session.ts";
import { useReplyDefaults } from "../composer/composerApi.ts";
import { clearDraft, loadDraft, saveDraft } from "../composer/draft.ts";
import { Markdown } from "../composer/Markdown.tsx";
import { SignatureButton } from "../composer/SignatureButton.tsx";
import { useEmailStatus } from "../email/emailApi.ts";
import { type OfferExtra, OfferSlot } from "../retention/offerSlot.tsx";
import { MissingFactsSlot, SnippetSlot } from "../snippets/slots.tsx";
import { fileToBase64, usePostMessage } from "./casesApi.ts";

/**
 * What happened to a reply, said plainly: nothing has left while it is queued, and without a
 * relay it will not leave until email is set up. A reply to a customer without email is simply
 * added (they read it in the portal).
 */
function replyOutcome(m: Message, relayConfigured: boolean | undefined) {
  if (m.email?.deliveryStatus !== "queued") return "cases.composer.added" as const;
  return relayConfigured ? ("cases.composer.sending" as const) : ("cases.composer.queued" as const);
}

export type ComposerMode = "reply" | "note";

type Props = {
  caseId: string;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onTypingChange: (typing: boolean) => void;
  /** Engineers may add internal notes but never write to the customer. */
  notesOnly?: boolean;
  /** Set by the composer: adds text to the end of the message (the knowledge panel uses it). */
  insertRef?: RefObject<((text: string) => void) | null>;
};

/**
 * Reply or internal note in markdown, with a preview, attachments and (replies) CC/BCC.
 * The unsent text survives a reload (draft.ts). Ctrl/Cmd+Enter sends.
 */
export function Composer(props: Props) {
  const { t } = useTranslation();
  const userId = useMe().data?.user.id ?? "";
  const [body, setBody] = useState("");
  const [cc, setCc] = useState<string[]>([]);
  const [bcc, setBcc] = useState<string[]>([]);
  const [tab, setTab] = useState<string | null>("write");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Retention (#19): "reply and solve" and an offer, from the lazy offer control; the key resets it.
  const [offer, setOffer] = useState<OfferExtra>({});
  const [offerKey, setOfferKey] = useState(0);
  const post = usePostMessage(props.caseId);
  const relay = useEmailStatus();
  const defaults = useReplyDefaults(props.caseId);
  const mode: ComposerMode = props.notesOnly ? "note" : props.mode;
  const note = mode === "note";

  // Once per case: the draft if there is one (text typed before it loaded is kept), then the
  // case's last CC/BCC unless the draft has its own.
  const restored = useRef({ body: "", copies: "" });
  useEffect(() => {
    const key = `${userId}:${props.caseId}`;
    if (!userId || restored.current.body === key) return;
    const first = restored.current.body === "";
    restored.current.body = key;
    const draft = loadDraft(userId, props.caseId);
    setBody((typed) => draft?.body ?? (first ? typed : ""));
    if (draft?.cc || draft?.bcc) restored.current.copies = key;
    setCc(draft?.cc ?? []);
    setBcc(draft?.bcc ?? []);
  }, [userId, props.caseId]);
  useEffect(() => {
    const key = `${userId}:${props.caseId}`;
    if (!defaults.data || restored.current.body !== key || restored.current.copies === key) return;
    restored.current.copies = key;
    setCc(defaults.data.cc);
    setBcc(defaults.data.bcc);
  }, [userId, props.caseId, defaults.data]);

  const keep = (next: { body?: string; cc?: string[]; bcc?: string[] }) => {
    if (userId) saveDraft(userId, props.caseId, { body, cc, bcc, ...next });
  };
  const setText = (value: string) => {
    setBody(value);
    keep({ body: value });
    props.onTypingChange(value.trim().length > 0);
  };
  // After every render, so the function sees the current text.
  useEffect(() => {
    if (!props.insertRef) return;
    props.insertRef.current = (text: string) => {
      setText(body.trim() ? `${body.trimEnd()}\n\n${text}` : text);
      setTab("write");
    };
  });
  const setCopies = (which: "cc" | "bcc", list: string[]) => {
    (which === "cc" ? setCc : setBcc)(list);
    keep({ [which]: list });
  };

  const send = async () => {
    if (!body.trim()) return setError(t("customers.required"));
    setError(null);
    try {
      const attachments = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          contentType: f.type || "application/octet-stream",
          dataBase64: await fileToBase64(f),
        })),
      );
      const posted = await post.mutateAsync({
        body: body.trim(),
        kind: mode,
        attachments,
        ...(note ? {} : { cc, bcc, ...offer }),
      });
      // The academy (#21): lessons whose links the reply carries are recorded as suggested.
      if (!note)
        reportSuggestedLessons(props.caseId, posted.id, posted.body).catch((err: Error) =>
          notifications.show({ message: err.message, color: "red" }),
        );
      setOfferKey((k) => k + 1);
      setBody("");
      props.onTypingChange(false);
      if (userId) clearDraft(userId, props.caseId);
      setTab("write");
      setFiles([]);
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: note ? t("cases.composer.noted") : t(replyOutcome(posted, relay.data?.relayConfigured)),
        color: "teal",
      });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.genericError"));
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="form"
      aria-label={t("cases.composer.label")}
      bg={note ? "var(--mantine-color-yellow-0)" : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Stack gap="xs">
        {!props.notesOnly && (
          <SegmentedControl
            aria-label={t("cases.composer.mode")}
            value={mode}
            onChange={(v) => props.onModeChange(v as ComposerMode)}
            data={[
              { value: "reply", label: t("cases.composer.reply") },
              { value: "note", label: t("cases.composer.note") },
            ]}
            w="fit-content"
          />
        )}
        {!note && (
          <Group grow align="flex-start">
            <TagsInput
              label={t("composerExtras.cc")}
              value={cc}
              onChange={(v) => setCopies("cc", v)}
              splitChars={[",", " ", ";"]}
              description={t("composerExtras.copiesHint")}
              clearable
            />
            <TagsInput
              label={t("composerExtras.bcc")}
              value={bcc}
              onChange={(v) => setCopies("bcc", v)}
              splitChars={[",", " ", ";"]}
              clearable
            />
          </Group>
        )}
        <Tabs value={tab} onChange={setTab} keepMounted>
          <Tabs.List>
            <Tabs.Tab value="write">{t("composerExtras.write")}</Tabs.Tab>
            <Tabs.Tab value="preview">{t("composerExtras.preview")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              ref={props.textareaRef}
              label={note ? t("cases.composer.noteBody") : t("cases.composer.replyBody")}
              description={t("composerExtras.markdownHint")}
              value={body}
              onChange={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void send();
                }
              }}
              error={error}
              autosize
              minRows={3}
              maxRows={12}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs" aria-label={t("composerExtras.preview")}>
            {body.trim() ? (
              <Markdown source={body} />
            ) : (
              <Text size="sm" c="dimmed">
                {t("composerExtras.previewEmpty")}
              </Text>
            )}
          </Tabs.Panel>
        </Tabs>
        <MissingFactsSlot body={body} />
        {!note && <OfferSlot key={offerKey} caseId={props.caseId} onChange={setOffer} />}
        {files.length > 0 && (
          <Group gap="xs">
            {files.map((f) => (
              <Group key={f.name} gap={2} wrap="nowrap">
                <Text size="sm">{f.name}</Text>
                <CloseButton
                  size="sm"
                  aria-label={t("cases.composer.remove", { name: f.name })}
                  onClick={() => setFiles(files.filter((x) => x !== f))}
                />
              </Group>
            ))}
          </Group>
        )}
        <Group justify="space-between">
          <Group gap="xs">
            <FileButton multiple onChange={(picked) => setFiles([...files, ...picked])}>
              {(fileProps) => (
                <Button variant="subtle" leftSection={<IconPaperclip size={16} aria-hidden />} {...fileProps}>
                  {t("cases.composer.attach")}
                </Button>
              )}
            </FileButton>
            {!props.notesOnly && <SignatureButton />}
            <SnippetSlot
              caseId={props.caseId}
              body={body}
              setBody={setText}
              textareaRef={props.textareaRef}
            />
            {!note && <LessonSlot body={body} setBody={setText} />}
          </Group>
          <Button
            type="submit"
            color={note ? "yellow" : undefined}
            autoContrast
            loading={post.isPending}
            leftSection={<IconSend size={16} aria-hidden />}
          >
            {note ? t("cases.composer.addNote") : t("cases.composer.send")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
