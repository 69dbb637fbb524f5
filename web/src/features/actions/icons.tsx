import {
  IconBolt,
  IconCreditCard,
  IconGift,
  IconPackage,
  IconRefresh,
  IconRouter,
  IconShieldCheck,
  IconTruckDelivery,
} from "@tabler/icons-react";

/** The small fixed set of icons an action may wear; stored by name, unknown names fall back. */
export const ACTION_ICONS = {
  truck: IconTruckDelivery,
  package: IconPackage,
  "credit-card": IconCreditCard,
  router: IconRouter,
  shield: IconShieldCheck,
  gift: IconGift,
  refresh: IconRefresh,
  bolt: IconBolt,
} as const;
export type ActionIconName = keyof typeof ACTION_ICONS;
export const ICON_NAMES = Object.keys(ACTION_ICONS) as ActionIconName[];

export function ActionGlyph(props: { name?: string | null; size?: number }) {
  const Icon = ACTION_ICONS[(props.name ?? "bolt") as ActionIconName] ?? IconBolt;
  return <Icon size={props.size ?? 16} stroke={1.7} aria-hidden />;
}
