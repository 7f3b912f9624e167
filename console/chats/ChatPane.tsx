import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { fetchChats, openChat } from "./api";
import { ChatActions } from "./ChatActions";
import { Composer } from "./Composer";
import { customerLabel } from "./customer-label";
import { ChatInfoForm } from "./info/ChatInfoForm";
import { useInfoDraft } from "./info/drafts";
import { ProblemNotice } from "./ProblemNotice";
import { Transcript } from "./Transcript";
import { useWorkspaceContext } from "./workspace";

/** One chat: its transcript and composer, its actions, and the customer beside it. */
export function ChatPane({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspaceContext();
  const chat = workspace.chat(chatId);
  const messageCount = workspace.messages(chatId).length;
  // Until the socket has announced the chat, the server's list says whether it is ours at all.
  const listed = useQuery({ queryKey: ["chats"], queryFn: fetchChats, enabled: !chat });
  const unopened = chat?.firstOpenedAt === null;
  const navigate = useNavigate();
  const wasHere = useRef(false);
  // On a phone the info folds away under the conversation, but never while it holds changes.
  const [infoShown, setInfoShown] = useState(false);
  const infoDraft = useInfoDraft(chatId);
  const infoOpen = infoShown || infoDraft !== null;

  // Ended or transferred, the chat leaves this workspace: back to the list.
  useEffect(() => {
    if (chat) wasHere.current = true;
    else if (wasHere.current) navigate("/", { state: { focusChatList: true } });
  }, [chat, navigate]);

  useEffect(() => {
    if (unopened) openChat(chatId).catch(() => {}); // The list keeps it unopened; retried on view.
  }, [chatId, unopened]);

  useEffect(() => {
    if (messageCount > 0 && document.visibilityState === "visible") workspace.markRead(chatId);
  });
  // Back in a hidden tab: what arrived meanwhile is read now (the title's count goes down).
  const markRead = useRef(workspace.markRead);
  markRead.current = workspace.markRead;
  useEffect(() => {
    const seen = () => document.visibilityState === "visible" && markRead.current(chatId);
    document.addEventListener("visibilitychange", seen);
    return () => document.removeEventListener("visibilitychange", seen);
  }, [chatId]);

  if (!chat) {
    const known = listed.data?.chats.some((listedChat) => listedChat.id === chatId);
    return (
      <p className="centered muted">
        {listed.isSuccess && !known ? t("chats.notFound") : t("app.loading")}
      </p>
    );
  }

  return (
    <section
      className={infoOpen ? "chat-pane" : "chat-pane info-folded"}
      aria-label={customerLabel(chat, t)}
    >
      <div className="conversation">
        <ChatActions chat={chat} />
        {chat.state === "ended_by_customer" && <p className="banner">{t("chat.customerEnded")}</p>}
        <Transcript chat={chat} />
        {workspace.customerTyping(chatId) && (
          <p className="typing" aria-live="polite">
            {t("chat.typing")}
          </p>
        )}
        <ProblemNotice />
        <Composer chatId={chatId} />
      </div>
      <Button
        className="info-toggle"
        aria-expanded={infoOpen}
        onPress={() => setInfoShown(!infoOpen)}
      >
        {t("info.title")}
        <span className="chevron" aria-hidden />
      </Button>
      <ChatInfoForm chat={chat} onSaved={workspace.update} />
    </section>
  );
}
