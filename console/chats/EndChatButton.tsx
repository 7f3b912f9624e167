import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../app/ConfirmButton";
import { useWorkspaceContext } from "./workspace";

/** End chat, asked once more: ending cannot be undone, and the customer can write no more. */
export function EndChatButton({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const { act } = useWorkspaceContext();
  return (
    <ConfirmButton
      label={t("chat.endChat")}
      title={t("chat.endTitle")}
      text={t("chat.confirmEnd")}
      cancel={t("chat.cancel")}
      onConfirm={() => act({ type: "chat.end", chatId })}
    />
  );
}
