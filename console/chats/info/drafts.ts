/**
 * Unsaved customer and inquiry info, per chat, kept in this browser until it is saved or
 * discarded: a reload, a closed tab or a crash loses nothing typed. A draft remembers the
 * versions it was edited from, so that saving it later is still checked against a colleague's
 * save in between (docs/decisions.md, "edit conflicts").
 */
import { useSyncExternalStore } from "react";
import type { ChatSummary } from "../../../shared/chat";

/** What the form edits, as typed (blank is ""). */
export interface InfoValues {
  name: string;
  email: string;
  notes: string;
  processingTypeId: string | null;
}

export interface InfoDraft {
  values: InfoValues;
  customerVersion: number;
  chatVersion: number;
}

export function savedValues(chat: ChatSummary): InfoValues {
  return {
    name: chat.customer.name ?? "",
    email: chat.customer.email ?? "",
    notes: chat.customer.notes ?? "",
    processingTypeId: chat.processingTypeId,
  };
}

export const sameValues = (a: InfoValues, b: InfoValues) =>
  a.name === b.name &&
  a.email === b.email &&
  a.notes === b.notes &&
  a.processingTypeId === b.processingTypeId;

const PREFIX = "madoguchi.infoDraft.";
const held = new Map<string, InfoDraft | null>();
const listeners = new Set<() => void>();

function read(chatId: string): InfoDraft | null {
  if (!held.has(chatId)) {
    let draft: InfoDraft | null = null;
    try {
      const stored = localStorage.getItem(PREFIX + chatId);
      draft = stored ? (JSON.parse(stored) as InfoDraft) : null;
    } catch {
      draft = null; // Storage refused or a damaged entry: no draft, as if none was kept.
    }
    held.set(chatId, draft);
  }
  return held.get(chatId) ?? null;
}

function write(chatId: string, draft: InfoDraft | null): void {
  held.set(chatId, draft);
  try {
    if (draft) localStorage.setItem(PREFIX + chatId, JSON.stringify(draft));
    else localStorage.removeItem(PREFIX + chatId);
  } catch {
    // Not kept past this page, but still held here and guarded before leaving.
  }
  for (const listener of listeners) listener();
}

export const infoDrafts = {
  get: read,
  set: (chatId: string, draft: InfoDraft) => write(chatId, draft),
  drop: (chatId: string) => write(chatId, null),
  has: (chatId: string) => read(chatId) !== null,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useInfoDraft(chatId: string): InfoDraft | null {
  return useSyncExternalStore(infoDrafts.subscribe, () => read(chatId));
}

/** The save of each chat's form on screen, for the guard's "Save": true when it was saved. */
export const infoSavers = new Map<string, () => Promise<boolean>>();
