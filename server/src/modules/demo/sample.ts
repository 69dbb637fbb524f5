/**
 * The sample workspace behind `npm run demo`: Soundwave, a home-audio and network-equipment
 * company: staff, customers with their identities, facts and devices, and past cases.
 * Each customer joined, and each case was opened, some days ago at a time of day (UTC), so
 * the demo's history reads like a real one (see demo-clock.ts).
 * A recurring "Error 1013" (a speaker that cannot reach the update server) runs through it.
 */
export const sample = {
  workspace: "Soundwave Audio & Networks",
  staff: [
    { name: "Priya Shah", email: "priya@soundwave.example", role: "admin" },
    { name: "Dana Okafor", email: "dana@soundwave.example", role: "agent" },
    { name: "Marco Rossi", email: "marco@soundwave.example", role: "agent" },
    { name: "Lena Fischer", email: "lena@soundwave.example", role: "engineer" },
  ],
  customers: [
    {
      name: "Maria Gonzalez",
      email: "maria@example.com",
      phone: "+1 (415) 555-0100",
      since: { daysAgo: 210, at: "16:20" },
      facts: {
        address: "12 Harbor View, Sausalito CA",
        plan: "Soundwave Care Plus",
        preferred_channel: "phone",
      },
      devices: [
        { model: "Soundwave One", serial: "SW1-22A91F", firmware: "12.4.1" },
        { model: "Soundwave Beam", serial: "SWB-80C3D2", firmware: "12.4.1" },
        { model: "NetHub AX3000", serial: "NHX-4471B0", firmware: "3.2.7" },
      ],
      cases: [
        {
          subject: "Error 1013 when updating my speakers",
          status: "solved",
          opened: { daysAgo: 5, at: "07:42" },
          messages: [
            "Both speakers say Error 1013 and won't update. I've restarted them twice.",
            "Thanks Maria. Error 1013 means the speaker can't reach our update server. Your NetHub blocks UPnP by default; I've sent the steps to allow it.",
          ],
        },
        {
          subject: "Beam drops out during movies",
          status: "open",
          opened: { daysAgo: 2, at: "19:05" },
          messages: ["The Beam loses sound every 20 minutes or so."],
        },
      ],
    },
    {
      name: "Den Whitaker",
      email: "den@example.net",
      phone: "+44 161 496 0123",
      since: { daysAgo: 95, at: "10:12" },
      facts: { address: "4 Mill Lane, Manchester", language: "en-GB", timezone: "Europe/London" },
      devices: [{ model: "Soundwave Five", serial: "SW5-19E0AA", firmware: "12.3.0" }],
      cases: [
        {
          subject: "Error 1013 again after the router swap",
          status: "pending",
          opened: { daysAgo: 6, at: "13:27" },
          messages: [
            "New router from my ISP, and Error 1013 is back.",
            "Could you send a diagnostic from the app (Settings > Support > Send diagnostics)?",
          ],
        },
      ],
    },
    {
      name: "Sam Lee",
      email: "sam.lee@example.org",
      phone: "+61 2 5550 1234",
      since: { daysAgo: 400, at: "22:48" },
      facts: { timezone: "Australia/Sydney" },
      devices: [{ model: "NetHub AX1800", serial: "NHX-11F2C9", firmware: "3.1.9" }],
      cases: [
        {
          subject: "How do I set up a guest network?",
          status: "closed",
          opened: { daysAgo: 58, at: "23:15" },
          messages: ["Is there a guest Wi-Fi option?"],
        },
      ],
    },
    {
      name: "Aiko Tanaka",
      email: "aiko.tanaka@example.jp",
      phone: "+81 3-5555-0199",
      since: { daysAgo: 20, at: "01:35" },
      facts: {
        language: "ja",
        timezone: "Asia/Tokyo",
        rental: { device: "NetHub AX3000", since: "2026-09-01" },
      },
      devices: [{ model: "Soundwave Sub", serial: "SWS-7D10E4", firmware: "12.4.1" }],
      cases: [
        {
          subject: "Error 1013 on the Sub only",
          status: "new",
          opened: { daysAgo: 1, at: "00:52" },
          messages: ["Only my Sub shows Error 1013."],
        },
      ],
    },
  ],
} as const;
