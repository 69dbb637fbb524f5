import { randomBytes } from "node:crypto";

/** A case's reply token, carried in Reply-To as support+TOKEN@…: short, unguessable, URL-safe. */
export const newReplyToken = () =>
  randomBytes(8)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x");
