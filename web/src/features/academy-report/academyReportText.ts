import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: the academy report, the learning paths screen and their nav entries (issue #21).
 * Not in the first load (the inbox's budget is full): it comes with those lazy chunks.
 */
export const academyReportText = {
  academyReport: {
    nav: "Academy report",
    navPaths: "Learning paths",
    title: "Academy report",
    intro:
      "What learners did in the period, and how customers who trained compare with those who did not. The comparison is an association, not a cause.",
    from: "From",
    to: "To",
    loadError: "The academy report could not be loaded: {{message}}",
    totals: {
      title: "In this period",
      registrations: "Session registrations",
      attended: "Attended sessions",
      enrollments: "Enrollments",
      completions: "Course completions",
      certificatesIssued: "Certificates issued",
    },
    courses: {
      title: "Completion rate by course",
      hint: "Learners who enrolled in the period, and how many of them have completed the course by now.",
      course: "Course",
      enrollments: "Enrolled",
      completed: "Completed",
      rate: "Completion rate",
      small: "small sample (under {{min}})",
      empty: "No published course yet.",
    },
    dropOff: {
      title: "Drop-off by lesson",
      hint: "For learners who enrolled in the period: how many reached each lesson (in course order), and how many stopped there without completing the course.",
      lesson: "Lesson",
      reached: "Reached",
      stopped: "Stopped here",
      notStarted: "Enrolled but never opened a lesson: {{count}}",
      empty: "Nobody enrolled in this period.",
    },
    failed: {
      title: "Quiz questions most often failed",
      question: "Question",
      where: "Course and lesson",
      wrong: "Wrong answers",
      empty: "No wrong answers in this period.",
    },
    trained: {
      title: "Trained against untrained customers",
      hint: "Customers trained in a month of the period (first course completed or live session attended), against customers created in the same months who never trained, followed for up to {{months}} months after. Differences are shown with a 95% interval; with under {{min}} customers a side, or an interval that includes zero, the sample cannot tell.",
      metric: "Measure",
      trainedCol: "Trained",
      untrainedCol: "Untrained",
      difference: "Difference (95% interval)",
      verdict: "What the sample says",
      sample: "n = {{n}}",
      metrics: {
        contactRate: "Cases per customer per month",
        repeatContacts: "Customers with a repeat contact",
        retention: "Retained (not churned)",
      },
      verdicts: {
        trainedHigher: "Higher among trained customers",
        trainedLower: "Lower among trained customers",
        notEnoughData: "Not enough data to tell",
      },
      contactCurve: "Cases per customer, by month after",
      retentionCurve: "Share retained, by month after",
      curveHint: "Points with under {{min}} customers are not drawn.",
      monthAfter: "Month {{n}}",
      cohorts: "Cohorts",
      cohortMonth: "Month",
      empty: "No customers trained or created in this period.",
      series: { trained: "Trained", untrained: "Untrained" },
    },
  },
};

export function useAcademyReportText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "academyReport.nav", academyReportText);
  return result;
}
