import { type ReactNode, useState } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";

/** A button whose action cannot be undone lightly, asked once more in a modal alert dialog: the
 *  keyboard goes to Cancel first, Escape cancels, and focus returns to the button. */
export function ConfirmButton(props: {
  label: string;
  title: string;
  text: ReactNode;
  cancel: string;
  onConfirm: () => void;
  /** The button's own look ("danger" for one that removes something); plain by default. */
  className?: string;
  /** The confirming button's look: "danger" unless the action removes nothing ("primary"). */
  confirmClassName?: string;
  isDisabled?: boolean;
  /** Asked before the confirmation opens (unsaved input elsewhere): false keeps it closed. */
  before?: () => Promise<boolean>;
}) {
  const [isOpen, setOpen] = useState(false);
  const { before } = props;
  return (
    <>
      <Button
        className={props.className}
        isDisabled={props.isDisabled}
        onPress={async () => setOpen(before ? await before() : true)}
      >
        {props.label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable isOpen={isOpen} onOpenChange={setOpen}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{props.title}</Heading>
                <p>{props.text}</p>
                <div className="dialog-buttons">
                  {/* The harmless choice has the keyboard first, as for any alert dialog. */}
                  <Button autoFocus onPress={close}>
                    {props.cancel}
                  </Button>
                  <Button
                    className={props.confirmClassName ?? "danger"}
                    onPress={() => {
                      props.onConfirm();
                      close();
                    }}
                  >
                    {props.label}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}
