import type { ReactNode } from "react";
import { Dialog, Modal, ModalOverlay } from "react-aria-components";

/** A modal dialog that its screen opens and closes (Escape, a click outside or its own buttons
 *  call onClose): focus moves in, and returns where it was when it closes. */
export function ModalDialog(props: {
  onClose: () => void;
  role?: "dialog" | "alertdialog";
  className?: string;
  children: ReactNode;
}) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && props.onClose()}
    >
      <Modal className="modal">
        <Dialog role={props.role} className={`dialog ${props.className ?? ""}`}>
          {props.children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
