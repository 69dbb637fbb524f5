import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: live sessions of the academy (issue #21): the staff screen, the portal page and the
 * public pages. Not in the first load: it comes with those lazy chunks.
 */
export const academySessionsText = {
  academySessions: {
    title: "Live sessions",
    intro: "Free live training: one-hour sessions with an expert, open to every customer.",
    upcoming: "Upcoming",
    past: "Past",
    none: "No live sessions are scheduled right now.",
    newSession: "Schedule a session",
    edit: "Edit",
    save: "Save",
    close: "Close",
    create: "Schedule",
    cancelSession: "Cancel session",
    confirmCancel: "Cancel “{{title}}”? Everyone registered is told, and their calendars drop it.",
    fields: {
      title: "Title",
      description: "Description",
      startsAt: "Starts at (in the host's time zone)",
      hostTimeZone: "Host's time zone",
      durationMinutes: "Length (minutes)",
      capacity: "Seats",
      joinUrl: "Join link (https)",
      recordingUrl: "Recording link (https)",
    },
    hostTime: "{{time}} host's time ({{zone}})",
    yourTime: "Your time",
    seats: "{{taken}} of {{capacity}} seats taken",
    seatsLeft_one: "{{count}} seat left",
    seatsLeft_other: "{{count}} seats left",
    full: "Full: join the waitlist",
    waitlisted_one: "{{count}} waiting",
    waitlisted_other: "{{count}} waiting",
    minutes: "{{count}} min",
    state: { scheduled: "Scheduled", cancelled: "Cancelled", held: "Held" },
    status: { confirmed: "Registered", waitlisted: "Waitlisted", cancelled: "Cancelled" },
    waitlistPosition: "Waitlisted: number {{position}} in line",
    registrations: "Registrations",
    registration: "Registration",
    customer: "Customer",
    email: "Email",
    noRegistrations: "Nobody has registered yet.",
    attended: "Attended",
    attendedOf: "Mark {{name}} as attended",
    importCsv: "Import attendance (CSV of emails)",
    imported: "{{marked}} marked attended. Unknown emails: {{unknown}}",
    importedAll: "{{marked}} marked attended.",
    addRecording: "Add recording",
    recording: "Recording",
    join: "Join",
    register: "Register",
    registerWaitlist: "Join the waitlist",
    cancelMine: "Cancel my seat",
    leaveWaitlist: "Leave the waitlist",
    signInToRegister: "Register",
    hostedBy: "Hosted by {{name}}",
    backToList: "All live sessions",
    notFound: "This session does not exist.",
    loadError: "Live sessions could not be loaded: {{message}}",
    saveError: "Not saved: {{message}}",
    mySessions: "My live sessions",
    browse: "See all sessions",
    noJs: "Shown in UTC; with JavaScript on, the time is shown in your own time zone.",
  },
};

export function useAcademySessionsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "academySessions.title", academySessionsText);
  return result;
}
