/**
 * New-chat alerts: a short sound (on unless the agent turns it off) and, if the agent turned it
 * on and the browser allows it, a desktop notification. Preferences are per browser, in
 * localStorage, since a desktop notification is about this device anyway.
 */
const DESKTOP_KEY = "rapport.chat.desktop";
const SOUND_KEY = "rapport.chat.sound";

export const alertPrefs = {
  desktop: () => localStorage.getItem(DESKTOP_KEY) === "on",
  sound: () => localStorage.getItem(SOUND_KEY) !== "off",
  setDesktop: (on: boolean) => localStorage.setItem(DESKTOP_KEY, on ? "on" : "off"),
  setSound: (on: boolean) => localStorage.setItem(SOUND_KEY, on ? "on" : "off"),
};

let audio: AudioContext | undefined;

/** Two soft notes, made with Web Audio so no sound file is shipped. */
export function playChime() {
  if (!alertPrefs.sound()) return;
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    [880, 1320].forEach((frequency, i) => {
      const start = ctx.currentTime + i * 0.12;
      const tone = ctx.createOscillator();
      const gain = ctx.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
      tone.connect(gain).connect(ctx.destination);
      tone.start(start);
      tone.stop(start + 0.3);
    });
  } catch {
    // No audio (autoplay refused before any click, or no device): the inbox still shows the chat.
  }
}

/** Asks the browser for permission; resolves to whether notifications may be shown. */
export async function askDesktopPermission(): Promise<boolean> {
  if (!("Notification" in window)) return false;
  if (Notification.permission === "granted") return true;
  if (Notification.permission === "denied") return false;
  return (await Notification.requestPermission()) === "granted";
}

export function showDesktop(title: string, body: string, onClick: () => void) {
  if (!("Notification" in window) || Notification.permission !== "granted" || !alertPrefs.desktop()) return;
  const n = new Notification(title, { body, tag: title });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
