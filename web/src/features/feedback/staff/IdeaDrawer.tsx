import "@mantine/core/styles/Drawer.css";
import { Anchor, Badge, Box, Divider, Drawer, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { IdeaDetail } from "../../../../../contracts/feedback.ts";
import { formatDay, Loaded, StatusBadge, safeIdeaUrl, useStatusLabel } from "./common.tsx";
import { useIdea, useIdeaCases } from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";
import { CommentsSection, MergeSection, OnBehalfSection } from "./IdeaActions.tsx";
import { StatusSection } from "./StatusSection.tsx";

/**
 * One idea for staff: what was asked and by how many, its status (with the decline dialog),
 * merging it into an original, official comments, votes on a customer's behalf and the cases
 * behind it. Its stylesheet comes with this chunk (Drawer is not in the first load's list).
 */
export function IdeaDrawer(props: {
  ideaId: string | null;
  onClose: () => void;
  onOpenIdea: (id: string) => void;
}) {
  const { t } = useFeedbackStaffText();
  const idea = useIdea(props.ideaId);
  return (
    <Drawer
      opened={Boolean(props.ideaId)}
      onClose={props.onClose}
      position="right"
      size="xl"
      title={idea.data ? `#${idea.data.number} ${idea.data.title}` : t("feedbackStaff.tabs.ideas")}
      closeButtonProps={{ "aria-label": t("feedbackStaff.drawer.close") }}
    >
      {props.ideaId && (
        <Loaded query={idea}>{(data) => <IdeaBody idea={data} onOpenIdea={props.onOpenIdea} />}</Loaded>
      )}
    </Drawer>
  );
}

function IdeaBody(props: { idea: IdeaDetail; onOpenIdea: (id: string) => void }) {
  const { t, i18n } = useFeedbackStaffText();
  const label = useStatusLabel();
  const { idea } = props;
  const href = safeIdeaUrl(idea.url);
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        <StatusBadge status={idea.status} label={idea.statusLabel} />
        <Badge variant="outline" color="gray" size="sm">
          {t("feedbackStaff.drawer.votes", { count: idea.votes })}
        </Badge>
        <Badge variant="outline" color="gray" size="sm">
          {t("feedbackStaff.drawer.requesters", { count: idea.requesters })}
        </Badge>
        {idea.requesterValue && (
          <Badge variant="outline" color="gray" size="sm">
            {t("feedbackStaff.drawer.value", idea.requesterValue)}
          </Badge>
        )}
        {idea.tags.map((tag) => (
          <Badge key={tag} variant="dot" size="sm">
            {tag}
          </Badge>
        ))}
        {href && (
          <Anchor href={href} target="_blank" size="sm">
            {t("feedbackStaff.drawer.publicPage")}
          </Anchor>
        )}
      </Group>
      {idea.author && (
        <Text size="sm" c="dimmed">
          {t("feedbackStaff.drawer.author", { name: idea.author.name })} ·{" "}
          {formatDay(idea.createdAt, i18n.language)}
        </Text>
      )}
      {idea.mergedInto && (
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          onClick={() => props.onOpenIdea(idea.mergedInto?.id ?? "")}
        >
          {t("feedbackStaff.drawer.mergedInto", idea.mergedInto)}
        </Anchor>
      )}
      {idea.descriptionHtml ? (
        <Box
          fz="sm"
          // Rendered from markdown and sanitised by the server (raw HTML off, then the sanitiser).
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, see above
          dangerouslySetInnerHTML={{ __html: idea.descriptionHtml }}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t("feedbackStaff.drawer.noDescription")}
        </Text>
      )}
      {idea.statusExplanation && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t("feedbackStaff.drawer.explanation")}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="status-explanation">
            {idea.statusExplanation}
          </Text>
        </Stack>
      )}
      {idea.duplicates.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t("feedbackStaff.drawer.duplicates")}
          </Text>
          {idea.duplicates.map((d) => (
            <Anchor
              key={d.id}
              component="button"
              type="button"
              size="sm"
              ta="left"
              onClick={() => props.onOpenIdea(d.id)}
            >
              #{d.number} {d.title}
            </Anchor>
          ))}
        </Stack>
      )}
      <Divider />
      {idea.status !== "duplicate" && <StatusSection idea={idea} />}
      {idea.history.length > 0 && (
        <Stack gap={4} component="section" aria-labelledby="idea-history-heading">
          <Title order={3} size="h6" id="idea-history-heading">
            {t("feedbackStaff.drawer.history")}
          </Title>
          <Stack gap={4} component="ol" m={0} pl="md">
            {idea.history.map((h) => (
              <Text key={`${h.at}-${h.to}`} component="li" size="sm">
                {formatDay(h.at, i18n.language)} ·{" "}
                {t("feedbackStaff.drawer.historyEntry", { from: label(h.from), to: label(h.to) })}
                {h.explanation && (
                  <Text component="span" size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                    {" — "}
                    {h.explanation}
                  </Text>
                )}
              </Text>
            ))}
          </Stack>
        </Stack>
      )}
      <Divider />
      <LinkedCases ideaId={idea.id} />
      <Divider />
      <CommentsSection idea={idea} />
      {idea.status !== "duplicate" && (
        <>
          <Divider />
          <OnBehalfSection idea={idea} />
          <Divider />
          <MergeSection idea={idea} onMerged={props.onOpenIdea} />
        </>
      )}
    </Stack>
  );
}

function LinkedCases(props: { ideaId: string }) {
  const { t, i18n } = useFeedbackStaffText();
  const cases = useIdeaCases(props.ideaId);
  return (
    <Stack gap={4} component="section" aria-labelledby="idea-cases-heading">
      <Title order={3} size="h6" id="idea-cases-heading">
        {t("feedbackStaff.linkedCases.title")}
      </Title>
      <Loaded query={cases}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("feedbackStaff.linkedCases.none")}
            </Text>
          ) : (
            <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
              {data.items.map((c) => (
                <Group key={c.caseId} component="li" gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/app/cases/${c.caseId}`} size="sm" lineClamp={1}>
                    {t("feedbackStaff.linkedCases.entry", { number: c.caseNumber, subject: c.subject })}
                  </Anchor>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                    {c.customerName} · {formatDay(c.linkedAt, i18n.language)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )
        }
      </Loaded>
    </Stack>
  );
}
