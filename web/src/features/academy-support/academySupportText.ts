import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English: the academy in the agent app (composer picker, customer panel). Lazy, with its chunk. */
export const academySupportText = {
  academySupport: {
    button: "Lesson",
    search: "Search lessons",
    searchHint: "Words from a lesson's title or text; Enter inserts its link",
    none: "No lesson of a published course matches.",
    loadError: "Lessons could not be searched: {{message}}",
    suggested: "Suggested lesson: [{{title}}]({{href}})",
    training: "Training",
    courses: "Courses",
    completed: "Completed",
    percent: "{{percent}}% done",
    certificates: "Certificates",
    verify: "Verify {{code}}",
    revoked: "Revoked",
    sessions: "Live sessions",
    attended: "Attended",
    registered: "Registered",
    waitlisted: "Waitlisted",
    cancelled: "Cancelled",
    missed: "Did not attend",
    suggestions: "Suggested lessons",
    suggestionDone: "completed",
    suggestionOpen: "not yet",
    nothing: "No training yet.",
    completedLive: "The customer completed the suggested lesson “{{lesson}}”",
    close: "Close",
    recommended: "Recommended lesson",
    revoke: "Revoke",
    revokeOne: "Revoke the certificate “{{title}}”",
    revokeTitle: "Revoke “{{title}}”",
    revokeExplain: "The certificate's public verify page will say it is revoked, and why.",
    revokeReason: "Reason",
    revokeConfirm: "Revoke certificate",
    revokedBecause: "Revoked: {{reason}}",
    cancel: "Cancel",
    recommendedNone: "No lesson recommended.",
    recommendedSearch: "Recommend a lesson",
    recommendedSearchHint: "Search lessons of published courses; picking one sets it",
    recommendedClear: "Clear",
    recommendedClearOne: "Clear the recommended lesson",
    recommendedSaveFirst: "Save the draft with this outcome step first.",
  },
};

export function useAcademySupportText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "academySupport.button", academySupportText);
  return result;
}
