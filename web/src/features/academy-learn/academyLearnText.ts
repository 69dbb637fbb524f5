import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: the learner's academy in the portal (issue #21). Not in the first load: it comes with
 * the academy's lazy chunk.
 */
export const academyLearnText = {
  academyLearn: {
    title: "Academy",
    intro: "Free courses to get more from your products, at your own pace.",
    myCourses: "My courses",
    noCourses: "You have not started a course yet.",
    browse: "Browse the courses",
    progress: "{{percent}}% complete",
    progressLabel: "Progress in {{title}}",
    completed: "Completed",
    completedOn: "Completed on {{date}}",
    resume: "Resume",
    start: "Start",
    enroll: "Start this course",
    continueCourse: "Continue",
    backToCourses: "Back to my courses",
    backToCourse: "Back to {{title}}",
    notFound: "This course or lesson could not be found.",
    loadError: "This could not be loaded: {{message}}",
    level: { beginner: "Beginner", intermediate: "Intermediate", advanced: "Advanced" },
    minutes: "About {{count}} min",
    optional: "Optional",
    kind: { text: "Reading", video: "Video", quiz: "Quiz", link: "Guide", session: "Live session" },
    lessonDone: "Done",
    lessonPercent: "{{percent}}%",
    modulesLabel: "Lessons of this course",
    previous: "Previous lesson",
    next: "Next lesson",
    lessonComplete: "Lesson complete",
    readHint: "This lesson counts as read once you have scrolled through it.",
    courseComplete: "You completed the course. Your certificate is waiting in My certificates.",
    video: {
      transcript: "Transcript",
      resumeAt: "Resuming at {{time}}",
      embedTitle: "Video: {{title}}",
      watchedHint: "The lesson is complete once you have watched 90% of it.",
    },
    link: {
      open: "Open “{{title}}”",
      hint: "Opening the guide completes this lesson.",
      missing: "The linked guide is no longer available.",
    },
    session: {
      hint: "This lesson is completed by attending the live session.",
    },
    quiz: {
      summary: "{{count}} questions. Pass mark {{pass}}%.",
      attempts: "Attempts used: {{used}} of {{limit}}",
      attemptsUnlimited: "Attempts used: {{used}}",
      passedAlready: "You have passed this quiz.",
      start: "Start the quiz",
      retry: "Try again",
      submit: "Submit answers",
      noAttemptsLeft: "You have used every attempt at this quiz.",
      question: "Question {{n}} of {{total}}",
      shortLabel: "Your answer",
      multipleHint: "Choose all that apply.",
      score: "You scored {{score}}% (pass mark {{pass}}%).",
      passed: "Passed",
      failed: "Not passed yet",
      right: "Correct",
      wrong: "Incorrect",
      rightAnswer: "Right answer: {{answer}}",
      yourAnswer: "Your answer: {{answer}}",
      noAnswer: "(no answer)",
      explanation: "Why",
      attemptsLeft_one: "{{count}} attempt left.",
      attemptsLeft_other: "{{count}} attempts left.",
    },
    certificates: {
      title: "My certificates",
      none: "Complete a course to earn a certificate.",
      issued: "Issued {{date}}",
      code: "Code {{code}}",
      download: "Download PDF",
      downloadLabel: "Download the certificate for {{title}} as PDF",
      verify: "Verification page",
      verifyLabel: "Open the public verification page for {{title}}",
      revoked: "Revoked",
    },
  },
};

export function useAcademyText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "academyLearn.title", academyLearnText);
  return result;
}
