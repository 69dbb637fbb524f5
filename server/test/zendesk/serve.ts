import { parseArgs } from "node:util";
import { startFakeZendesk } from "./fake-server.ts";

/**
 * The fake Zendesk in its own process, for the benchmark and for trying the importer by hand:
 *   node server/test/zendesk/serve.ts --tickets 1000000 --comments 3 --attachments 0
 * Prints one JSON line {url, email, token} on stdout once listening (a parent process reads
 * it), then serves until SIGTERM/SIGINT. Run in its own process so that its CPU and memory are
 * not counted as the importer's.
 */
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    tickets: { type: "string", default: "1000" },
    comments: { type: "string", default: "3" },
    users: { type: "string", default: "" },
    agents: { type: "string", default: "10" },
    organizations: { type: "string", default: "50" },
    groups: { type: "string", default: "5" },
    attachments: { type: "string", default: "0" },
    ratings: { type: "string", default: "0" },
    odd: { type: "boolean", default: false },
    email: { type: "string", default: "admin@acme.example" },
    token: { type: "string", default: "fake-zendesk-token-6f1d" },
  },
});

const tickets = Number(values.tickets);
const fake = await startFakeZendesk({
  seed: Number(values.seed),
  tickets,
  commentsPerTicket: Number(values.comments),
  endUsers: values.users ? Number(values.users) : Math.max(10, Math.ceil(tickets / 10)),
  agents: Number(values.agents),
  organizations: Number(values.organizations),
  groups: Number(values.groups),
  attachmentsRatio: Number(values.attachments),
  satisfactionRatings: Number(values.ratings),
  odd: values.odd,
  email: values.email,
  token: values.token,
});
process.stdout.write(`${JSON.stringify({ url: fake.url, email: fake.email, token: fake.token })}\n`);

const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
