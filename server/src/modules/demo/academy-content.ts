import type { LessonKind, QuestionKind, QuizChoice } from "../academy/schema-academy.ts";

/** The sample company's two courses (issue #21): what `npm run demo` puts in the academy. */
export interface DemoQuestion {
  kind: QuestionKind;
  prompt: string;
  choices: QuizChoice[];
  correct: string[];
  explanation: string;
}

export interface DemoLesson {
  title: string;
  kind: LessonKind;
  body: string;
  /** link lessons: the help article's slug. */
  articleSlug?: string;
  quiz?: { passPercent: number; attemptLimit: number | null; questions: DemoQuestion[] };
}

export interface DemoCourse {
  slug: string;
  title: string;
  summary: string;
  level: "beginner" | "intermediate" | "advanced";
  durationMinutes: number;
  productModels: string[];
  modules: Array<{ title: string; lessons: DemoLesson[] }>;
}

export const SPEAKERS_COURSE: DemoCourse = {
  slug: "getting-the-most-from-your-speakers",
  title: "Getting the most from your speakers",
  summary:
    "Place, group and tune your Soundwave speakers so every room sounds its best. Free, about 40 minutes, no experience needed.",
  level: "beginner",
  durationMinutes: 40,
  productModels: ["Soundwave One", "Soundwave Five", "Soundwave Beam", "Soundwave Sub"],
  modules: [
    {
      title: "Setting up",
      lessons: [
        {
          title: "Where to put a speaker",
          kind: "text",
          body: [
            "A speaker sounds fuller near a wall and boomier in a corner. Start **a hand's width from the wall**,",
            "at ear height when you are seated, and away from the router's shelf so the two do not crowd each other's Wi-Fi.",
            "",
            "- Bookshelves: pull the speaker to the front edge.",
            "- Two speakers as a stereo pair: as far apart as you sit from them.",
            "- A Sub: anywhere on the floor, then move it until the bass sounds even from your seat.",
          ].join("\n"),
        },
        {
          title: "Grouping rooms",
          kind: "text",
          body: [
            "In the app, open **Rooms**, press and hold a room and drag it onto another to play the same music in both.",
            "Grouped speakers stay in step because one of them leads; if one drops out, the others carry on.",
          ].join("\n"),
        },
      ],
    },
    {
      title: "Sound",
      lessons: [
        {
          title: "Tuning a room with Trueplay",
          kind: "text",
          body: [
            "Trueplay listens to your room through your phone's microphone and adjusts the speaker to it.",
            "Walk slowly around the room while it plays its test tones, and run it again whenever you move the speaker.",
          ].join("\n"),
        },
        {
          title: "Check what you learned",
          kind: "quiz",
          body: "Three questions. You need two right to pass, and you can try as often as you like.",
          quiz: {
            passPercent: 66,
            attemptLimit: null,
            questions: [
              {
                kind: "single",
                prompt: "Where does a speaker usually sound best to start with?",
                choices: [
                  { id: "a", text: "In a corner" },
                  { id: "b", text: "A hand's width from the wall, at ear height" },
                  { id: "c", text: "On the floor" },
                ],
                correct: ["b"],
                explanation: "Corners exaggerate bass; a little space from the wall keeps it full but clean.",
              },
              {
                kind: "multiple",
                prompt: "Which of these should make you run Trueplay again?",
                choices: [
                  { id: "a", text: "You moved the speaker" },
                  { id: "b", text: "You changed the music" },
                  { id: "c", text: "You rearranged the furniture" },
                ],
                correct: ["a", "c"],
                explanation:
                  "Trueplay tunes the speaker to the room, so a new place or a changed room needs a new run.",
              },
              {
                kind: "short",
                prompt: "In the app, which screen groups rooms together?",
                choices: [],
                correct: ["rooms"],
                explanation: "Rooms: press and hold a room and drag it onto another.",
              },
            ],
          },
        },
      ],
    },
  ],
};

export const NETWORKING_COURSE: DemoCourse = {
  slug: "home-networking-for-your-speakers",
  title: "Home networking for your speakers (and Error 1013)",
  summary:
    "Why a speaker says Error 1013, what in a router causes it, and how to fix it for good. For anyone who has swapped a router.",
  level: "intermediate",
  durationMinutes: 30,
  productModels: ["Soundwave One", "Soundwave Five", "NetHub AX3000", "NetHub AX1800"],
  modules: [
    {
      title: "What Error 1013 means",
      lessons: [
        {
          title: "The speaker cannot reach the update server",
          kind: "text",
          body: [
            "**Error 1013** appears when a speaker asks our update server for new firmware and gets no answer.",
            "The speaker itself is almost never at fault: something between it and the internet drops the request.",
            "",
            "The usual causes, most common first:",
            "",
            "1. **UPnP switched off** on the router (NetHub routers ship with it off), so the speaker cannot open the port it updates through.",
            "2. **A new router with a guest or isolated network**: the speaker joined a network that cannot reach the internet the way it needs.",
            "3. **A DNS filter or ad blocker** (a Pi-hole, a parental-control service) that blocks the update server's name.",
            "4. **Very weak Wi-Fi** where the speaker stands, so the download times out.",
          ].join("\n"),
        },
        {
          title: "The help article: fixing Error 1013",
          kind: "link",
          body: "Our help article walks through each cause with the exact router settings.",
          articleSlug: "error-1013-update-server",
        },
      ],
    },
    {
      title: "Fixing it for good",
      lessons: [
        {
          title: "Router settings that matter",
          kind: "text",
          body: [
            "On a NetHub: **Advanced → NAT → UPnP → On**, then restart the speaker.",
            "On other routers, look for UPnP or *port forwarding for devices*; allow it for the speaker's address.",
            "Put speakers on your main network, never the guest one, and allow `updates.soundwave.example` in any DNS filter.",
          ].join("\n"),
        },
        {
          title: "Check what you learned",
          kind: "quiz",
          body: "Two questions; both right to pass. Three attempts.",
          quiz: {
            passPercent: 100,
            attemptLimit: 3,
            questions: [
              {
                kind: "single",
                prompt: "What does Error 1013 mean?",
                choices: [
                  { id: "a", text: "The speaker is broken" },
                  { id: "b", text: "The speaker cannot reach the update server" },
                  { id: "c", text: "The music service is down" },
                ],
                correct: ["b"],
                explanation:
                  "1013 is a network error: something between the speaker and the internet drops the update request.",
              },
              {
                kind: "multiple",
                prompt: "Which router settings can cause Error 1013?",
                choices: [
                  { id: "a", text: "UPnP switched off" },
                  { id: "b", text: "The speaker on a guest network" },
                  { id: "c", text: "A DNS filter blocking the update server" },
                  { id: "d", text: "The router's lights set to dim" },
                ],
                correct: ["a", "b", "c"],
                explanation: "UPnP, guest isolation and DNS filters all stop the update; the lights do not.",
              },
            ],
          },
        },
      ],
    },
  ],
};
