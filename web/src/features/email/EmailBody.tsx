import { Box, Button, Group, Text } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconPhoto } from "@tabler/icons-react";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "../../../../contracts/cases.ts";
import classes from "./email.module.css";
import { type Attachment, prepareEmailHtml } from "./emailHtml.ts";
import { foldText } from "./foldText.ts";

/** A small "Show …/Hide …" switch; aria-expanded tells screen readers what it does. */
function Toggle(props: { open: boolean; show: string; hide: string; onClick: () => void }) {
  const Icon = props.open ? IconChevronUp : IconChevronDown;
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="gray"
      aria-expanded={props.open}
      leftSection={<Icon size={12} aria-hidden />}
      onClick={props.onClick}
    >
      {props.open ? props.hide : props.show}
    </Button>
  );
}

/**
 * The body of an email message: its HTML when there is some, else its text. Quoted history
 * and signatures start folded; remote images stay blocked until the agent loads them.
 */
export function EmailBody(props: { message: Message }) {
  const { t } = useTranslation();
  const m = props.message;
  const [showQuote, setShowQuote] = useState(false);
  const [showSignature, setShowSignature] = useState(false);
  const [loadRemote, setLoadRemote] = useState(false);
  const html = m.email?.html ?? null;
  const attachments = m.attachments as Attachment[];
  const prepared = useMemo(
    () => (html ? prepareEmailHtml(html, attachments, { loadRemote }) : null),
    [html, attachments, loadRemote],
  );
  const parts = useMemo(() => (prepared ? [] : foldText(m.body)), [prepared, m.body]);

  const hasQuote = prepared ? prepared.hasQuote : parts.some((p) => p.kind === "quote");
  const hasSignature = prepared ? prepared.hasSignature : parts.some((p) => p.kind === "signature");
  const toggles = (
    <>
      {hasQuote && (
        <Toggle
          open={showQuote}
          show={t("email.showQuote")}
          hide={t("email.hideQuote")}
          onClick={() => setShowQuote(!showQuote)}
        />
      )}
      {hasSignature && (
        <Toggle
          open={showSignature}
          show={t("email.showSignature")}
          hide={t("email.hideSignature")}
          onClick={() => setShowSignature(!showSignature)}
        />
      )}
    </>
  );

  let body: ReactNode;
  if (prepared) {
    body = (
      <Box
        className={classes.html}
        data-message-body
        data-show-quote={showQuote || undefined}
        data-show-signature={showSignature || undefined}
        // Sanitised twice (server, then prepareEmailHtml's allowlist); see emailHtml.ts.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: allowlisted email HTML, never scripts
        dangerouslySetInnerHTML={{ __html: prepared.html }}
      />
    );
  } else if (parts.length <= 1 && !hasQuote && !hasSignature) {
    // Nothing to fold: the same plain element as any other message, for selection and tests.
    body = (
      <Text size="sm" className={classes.text} data-message-body>
        {m.body}
      </Text>
    );
  } else {
    body = (
      <Text size="sm" component="div" className={classes.text} data-message-body>
        {parts.map((p, i) => {
          if (p.kind === "quote" && !showQuote) return null;
          if (p.kind === "signature" && !showSignature) return null;
          const cls =
            p.kind === "quote" ? classes.quote : p.kind === "signature" ? classes.signature : undefined;
          return (
            // Parts never reorder, so their position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <div key={i} className={cls}>
              {p.text}
            </div>
          );
        })}
      </Text>
    );
  }

  const remote = prepared?.remoteImages ?? 0;
  return (
    <>
      {remote > 0 && !loadRemote && (
        <Group
          gap="xs"
          px="xs"
          py={4}
          bg="light-dark(var(--mantine-color-gray-1), var(--mantine-color-dark-6))"
          style={{ borderRadius: 6 }}
        >
          <IconPhoto size={14} aria-hidden />
          <Text size="xs">{t("email.remoteBlocked", { count: remote })}</Text>
          <Button size="compact-xs" variant="light" onClick={() => setLoadRemote(true)}>
            {t("email.loadRemote")}
          </Button>
        </Group>
      )}
      {body}
      {(hasQuote || hasSignature) && <Group gap={4}>{toggles}</Group>}
    </>
  );
}
