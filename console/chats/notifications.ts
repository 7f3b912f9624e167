/**
 * While the console's tab is hidden, a new chat or a customer's new message plays a sound (unless
 * muted) and shows a desktop notification (when the operator allowed them from the control; the
 * console never asks on its own). The tab's title counts what waits (ConsoleLayout). Only news
 * counts: a chat's replay on connect is not announced, nor are chats the welcome already named.
 */
import { useEffect, useRef, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { ChatSummary } from "../../shared/chat";
import { isLive } from "../../shared/domain";
import { customerLabel } from "./customer-label";
import type { Workspace } from "./workspace";

const MUTED = "madoguchi.soundMuted";
const listeners = new Set<() => void>();

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTED) === "true";
  } catch {
    return false;
  }
}

export const soundSetting = {
  muted: readMuted,
  setMuted(muted: boolean) {
    try {
      localStorage.setItem(MUTED, String(muted));
    } catch {
      // Not remembered past this page.
    }
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useMuted = () => useSyncExternalStore(soundSetting.subscribe, soundSetting.muted);

/** The browser's permission for desktop notifications; "unsupported" without the API. */
export function notificationPermission(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

let audio: AudioContext | null = null;

/** Two short tones; the audio context is made at the operator's first gesture, as browsers
 *  allow sound only after one. */
function chime(): void {
  if (audio?.state !== "running") return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.15, 1320],
  ] as const) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.12, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.14);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.15);
  }
}

function unlockAudio(): void {
  if (!audio && typeof AudioContext !== "undefined") audio = new AudioContext();
  audio?.resume().catch(() => {});
}

export function useArrivalNotifications(workspace: Workspace, operatorId: string): void {
  const { t } = useTranslation();
  const { on } = workspace;
  // Read when an event comes: the listeners stay the same across renders and languages.
  const latest = useRef({ t, chat: workspace.chat });
  latest.current = { t, chat: workspace.chat };

  useEffect(() => {
    addEventListener("pointerdown", unlockAudio, { once: true });
    addEventListener("keydown", unlockAudio, { once: true });
    return () => {
      removeEventListener("pointerdown", unlockAudio);
      removeEventListener("keydown", unlockAudio);
    };
  }, []);

  useEffect(() => {
    let known = new Set<string>();
    const synced = new Set<string>();
    const announce = (chatId: string, title: string, body: string) => {
      if (document.visibilityState !== "hidden") return;
      if (!soundSetting.muted()) chime();
      if (notificationPermission() === "granted") {
        new Notification(title, { body, tag: chatId, lang: document.documentElement.lang });
      }
    };
    const stops = [
      on("welcome", ({ chatIds }) => {
        known = new Set(chatIds);
      }),
      on("synced", ({ chatId }) => synced.add(chatId)),
      on("chat", (chat: ChatSummary) => {
        if (known.has(chat.id) || chat.operatorId !== operatorId || !isLive(chat.state)) return;
        known.add(chat.id);
        const { t } = latest.current;
        announce(chat.id, t("notify.newChat", { customer: customerLabel(chat, t) }), "");
      }),
      on("message", (message) => {
        if (message.author !== "customer" || !synced.has(message.chatId)) return;
        const { t, chat: chatOf } = latest.current;
        const chat = chatOf(message.chatId);
        const customer = chat ? customerLabel(chat, t) : t("info.customer");
        announce(message.chatId, t("notify.newMessage", { customer }), message.body);
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [on, operatorId]);
}
