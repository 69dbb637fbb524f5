/** Minimal types for hoodiecrow-imap, the IMAP test server used by the IMAP polling tests. */
declare module "hoodiecrow-imap" {
  type Message = { raw: string; flags?: string[] };
  type Options = {
    plugins?: string[];
    users?: Record<string, { password: string }>;
    storage?: Record<string, { messages?: Message[] }>;
  };
  type Server = {
    listen: (port: number, host: string, cb: () => void) => void;
    close: (cb?: () => void) => void;
  };
  export default function hoodiecrow(options: Options): Server;
}
