/** The notifications part of the feedback portal (issue #17): what the app and the worker wire in. */

export { notifyRoutes } from "./notify.routes.ts";
export { registerFeedbackNotify } from "./notify.ts";
export { sweepFeedbackNotices, workFeedbackNotify } from "./sweep.ts";
