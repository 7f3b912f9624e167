/** The composer's unsent text per chat, kept in this browser until it is sent: switching chats or
 *  reloading brings it back. */
const keyOf = (chatId: string) => `madoguchi.composer.${chatId}`;

export function loadComposerDraft(chatId: string): string {
  try {
    return localStorage.getItem(keyOf(chatId)) ?? "";
  } catch {
    return ""; // Storage refused: nothing was kept.
  }
}

export function keepComposerDraft(chatId: string, body: string): void {
  try {
    if (body === "") localStorage.removeItem(keyOf(chatId));
    else localStorage.setItem(keyOf(chatId), body);
  } catch {
    // Not kept past this page; the text stays in the composer.
  }
}
