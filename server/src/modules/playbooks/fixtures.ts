/** A small, valid playbook used by the tests: a question, an instruction, a check and outcomes. */
export function routerPlaybook(name = "Error 1013") {
  return {
    name,
    summary: "When the app shows error 1013",
    topics: ["error 1013", "no connection"],
    start: "lights",
    steps: [
      {
        id: "lights",
        kind: "question",
        title: "Is the light on the router green?",
        choices: [
          { label: "Yes, green", next: "check" },
          { label: "No, red or off", next: "restart" },
        ],
      },
      {
        id: "restart",
        kind: "instruction",
        title: "Unplug the router for 30 seconds, then plug it back in",
        next: "check",
      },
      {
        id: "check",
        kind: "check",
        title: "Send a diagnostic from the app",
        branches: [
          { when: "error_code = 1013", next: "engineering" },
          { when: "wifi.signal_dbm < -70", next: "move" },
        ],
        otherwise: "fixed",
      },
      { id: "move", kind: "outcome", title: "Move the router closer", outcome: "resolved" },
      { id: "fixed", kind: "outcome", title: "Working again", outcome: "resolved" },
      { id: "engineering", kind: "outcome", title: "Hand over to engineering", outcome: "escalate" },
    ],
  };
}
