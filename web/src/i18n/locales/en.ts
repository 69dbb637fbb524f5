import { admin } from "./en/admin.ts";
import { agent } from "./en/agent.ts";
import { caseMoves } from "./en/caseMoves.ts";
import { composer } from "./en/composer.ts";
import { core } from "./en/core.ts";
import { customers } from "./en/customers.ts";
import { diagnostics } from "./en/diagnostics.ts";
import { email } from "./en/email.ts";
import { escalations } from "./en/escalations.ts";
import { playbooks } from "./en/playbooks.ts";
import { portal } from "./en/portal.ts";
import { settings } from "./en/settings.ts";

/**
 * English UI text, grouped by feature (one file per area under ./en/). Every other locale
 * mirrors this shape.
 */
export const en = {
  ...core,
  ...agent,
  ...caseMoves,
  ...composer,
  ...customers,
  ...diagnostics,
  ...email,
  ...escalations,
  ...playbooks,
  ...admin,
  ...portal,
  ...settings,
};

export type Resources = typeof en;
