/** "Are you sure?" for a change that cannot be taken back: a modal alert dialog whose harmless
 *  choice has the keyboard first; Escape cancels. Shows why the change failed, if it did. */
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";

export function ConfirmDialog(props: {
  title: string;
  text: string;
  confirm: string;
  pending: boolean;
  problem: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen onOpenChange={props.onClose}>
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">{props.title}</Heading>
          <p>{props.text}</p>
          {props.problem && (
            <p role="alert" className="problem">
              {props.problem}
            </p>
          )}
          <div className="dialog-buttons">
            <Button autoFocus onPress={props.onClose}>
              {t("chat.cancel")}
            </Button>
            <Button className="danger" isDisabled={props.pending} onPress={props.onConfirm}>
              {props.confirm}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
