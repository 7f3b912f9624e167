import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../app/ConfirmButton";
import { useLeaveGuard } from "./info/LeaveGuard";
import { useWorkspaceContext } from "./workspace";

/** End chat, asked once more: ending cannot be undone, and the customer can write no more.
 *  Unsaved customer or inquiry info is asked about first (the chat leaves the workspace). */
export function EndChatButton({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const { act } = useWorkspaceContext();
  const confirmLeave = useLeaveGuard();
  return (
    <ConfirmButton
      label={t("chat.endChat")}
      title={t("chat.endTitle")}
      text={t("chat.confirmEnd")}
      cancel={t("chat.cancel")}
      before={() => confirmLeave(chatId)}
      onConfirm={() => act({ type: "chat.end", chatId })}
    />
  );
}
