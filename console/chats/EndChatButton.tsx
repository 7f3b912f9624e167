import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useWorkspaceContext } from "./workspace";

/** End chat, asked once more in a modal dialog: ending cannot be undone, and the customer can
 *  write no more. Escape or Cancel keeps the chat, and the keyboard returns to this button. */
export function EndChatButton({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const { act } = useWorkspaceContext();
  return (
    <DialogTrigger>
      <Button>{t("chat.endChat")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{t("chat.endTitle")}</Heading>
                <p>{t("chat.confirmEnd")}</p>
                <div className="dialog-buttons">
                  {/* The harmless choice has the keyboard first, as for any alert dialog. */}
                  <Button autoFocus onPress={close}>
                    {t("chat.cancel")}
                  </Button>
                  <Button
                    className="danger"
                    onPress={() => {
                      act({ type: "chat.end", chatId });
                      close();
                    }}
                  >
                    {t("chat.endChat")}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
