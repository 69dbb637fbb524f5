import { Anchor } from "@mantine/core";
import { Link } from "react-router";
import { useDevices } from "../customers/customersApi.ts";

/**
 * For a diagnostic.captured event: the device's serial, linked to its page once the device is known.
 * Underlined: inside a sentence its colour alone is too close to the text's (WCAG 1.4.1).
 */
export function TimelineDeviceLink(props: { customerId: string; serial: string }) {
  const devices = useDevices(props.customerId);
  const device = devices.data?.items.find((d) => d.serial === props.serial);
  if (!device) return <>{props.serial}</>;
  return (
    <Anchor
      component={Link}
      to={`/app/devices/${device.id}?customer=${props.customerId}`}
      inherit
      underline="always"
    >
      {props.serial}
    </Anchor>
  );
}
