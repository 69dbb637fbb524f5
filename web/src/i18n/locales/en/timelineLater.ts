/**
 * English: the sentences for timeline events added since the first load's text was fixed
 * (routing, actions, repeat contacts, surveys, lifecycle, related cases, staff protection, mail
 * news). Not in the first load: TimelineList adds them when a timeline renders.
 */
export const timelineLater = {
  timelineLater: {
    caseRouted: "routed the case: {{detail}}",
    actionRun: "ran “{{name}}”: {{status}}",
    actionApproval: "“{{name}}” ({{amount}}): approval {{decision}}",
    approval: { requested: "requested", approved: "given", refused: "refused" },
    repeatContact: "marked this a repeat contact of #{{number}} ({{reason}})",
    repeatReasons: {
      problem: "same problem",
      signature: "same error",
      similar: "similar words",
      link: "linked case",
      reopen: "reopened",
    },
    atRisk: "flagged the customer at risk (score {{score}})",
    riskCleared: "the customer is no longer at risk",
    surveySent: "sent a {{kind}} survey ({{channel}})",
    surveyResponded: "answered the {{kind}} survey: {{rating}} ({{sentiment}})",
    lifecycle: "lifecycle: {{event}} on {{date}}",
    lifecycleValue: "lifecycle: {{event}} on {{date}}, value {{value}}",
    caseLinked: "linked this case to #{{number}}",
    caseUnlinked: "removed the link to #{{number}}",
    stepTaken: "took a conduct step: {{kind}} ({{reason}})",
    stepLifted: "stepped down from {{kind}}: {{reason}}",
    conductRouted: "{{detail}}",
    appealReceived: "received the customer's appeal of a conduct step",
    abuseConfirmed: "marked a message as abusive",
    abuseCleared: "cleared an abuse flag: not abusive",
    handedToLead: "handed the case to {{name}}",
    emailBounced: "mail to {{address}} bounced: {{reason}}",
    emailDelayed: "mail to {{address}} is delayed: {{reason}}",
    autoReply: "an automatic reply came from {{from}}",
    forwarded: "forwarded a message to {{to}}",
    ideaLinked: "counted this case for idea #{{number}}: {{title}}",
    ideaDoneTold: "told the customer idea #{{number}} is done: {{title}}",
  },
};
