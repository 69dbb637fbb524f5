import { parseArgs } from "node:util";

/**
 * `npm run rapport -- <command>`: the automation entry point.
 * Parses arguments, runs one command against the configured database, and exits
 * non-zero with a plain message when anything is wrong.
 */
const HELP = `Usage: npm run rapport -- <command> [options]

Commands:
  admin create --email E --password P [--name N] [--workspace W]
        Create an admin (and, on a fresh install, the workspace W, default "Rapport").
  agent create --email E --password P [--name N]
        Create an agent in the workspace.
  token create --email E --name N
        Create an API token for a staff member. The token is printed on the last line.
  workspace create --name N --host H [--admin-email E --admin-password P]
        Create another workspace (a brand or client) answering on the host name H, optionally
        with its first admin. The new workspace's id is printed on the last line.
  workspace list
        List the workspaces, their hosts and the address each is reached at.
  migrate
        Apply database migrations (npm start also does this).
  demo [--separate]
        Load the sample company (home audio and networking) into a demo workspace of its own,
        with staff accounts on a new random password printed once. On a database that
        already has a real workspace it refuses, unless --separate: then the demo gets a
        workspace of its own on the host demo.localhost, and the real one is never touched.
  demo remove
        Delete the demo workspace, its data and the accounts that belonged only to it.
  audit verify [--workspace <host|id>]
        Check the hash chain of every workspace's audit log (or one). Exits non-zero and names
        the first broken record (changed, deleted or reordered) of each broken chain.
  secrets rotate --old-secret-file <path>
        Re-seal every stored secret (webhook, action, channel, widget, mail and SSO secrets,
        two-factor keys) under the current AUTH_SECRET; the file holds the previous one
        (or set OLD_AUTH_SECRET). All or nothing; safe to run twice.
  import zendesk (--subdomain S | --url U) --email E [--token T] [--since YYYY-MM-DD]
                 [--dry-run] [--workspace <host|id>] [--rate N] [--incremental-rate N]
        Import a Zendesk account's history (users, organizations, groups, tickets with their
        comments and attachments, ratings, macros, Guide) into the workspace, silently: no
        mail, survey, webhook or SLA timer. The token may come from ZENDESK_API_TOKEN. Ctrl-C
        stops after the current page; the same command resumes, and later runs import only
        what changed (a delta sync for the cut-over). --dry-run counts and lists what will
        not map, writing nothing. --rate caps requests per minute (default 400) and
        --incremental-rate those to the incremental exports (default 10, Zendesk's cap).
        The import's heap is capped at 192 MB; RAPPORT_IMPORT_HEAP_MB sets another cap.
  scaling citus-plan [--check]
        Print, from the live schema, the Citus calls that distribute tenant tables by
        workspace_id (docs/SCALING.md) and every constraint that would block them. --check
        prints only the blockers and exits non-zero when there is one.

Options:
  -h, --help    Show this help.

The database is DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (default ./data),
which is used even while \`npm start\` is running.`;

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        email: { type: "string" },
        password: { type: "string" },
        name: { type: "string" },
        workspace: { type: "string" },
        separate: { type: "boolean" },
        check: { type: "boolean" },
        host: { type: "string" },
        "admin-email": { type: "string" },
        "admin-password": { type: "string" },
        "old-secret-file": { type: "string" },
        subdomain: { type: "string" },
        url: { type: "string" },
        token: { type: "string" },
        since: { type: "string" },
        "dry-run": { type: "boolean" },
        rate: { type: "string" },
        "incremental-rate": { type: "string" },
      },
    });
  } catch (err) {
    console.error(`Error: ${(err as Error).message}\n\n${HELP}`);
    process.exit(64);
  }
}
const { values, positionals } = parse();

if (values.help || positionals.length === 0) {
  console.log(HELP);
  process.exit(0);
}

try {
  // An import runs for hours: it loads only its own modules (in its thread), not the whole
  // server's, which would sit in the process's memory for the whole run.
  if (positionals.join(" ") === "import zendesk")
    await (await import("./cli/import-thread.ts")).importZendeskInThread(values);
  else await (await import("./cli/commands.ts")).runCommand(positionals, values);
  process.exit(0);
} catch (err) {
  console.error(`Error: ${(err as Error).message}`);
  process.exit(1);
}
