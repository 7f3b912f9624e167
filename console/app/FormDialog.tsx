/** A form in a modal dialog (a new operator, a canned response): its title, its fields, what
 *  went wrong with the whole form, Cancel and the submit button. Escape or Cancel closes it. */
import { type FormEvent, type ReactNode, useEffect, useRef } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";

export function FormDialog(props: {
  title: string;
  submitLabel: string;
  pending: boolean;
  problem: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);
  const wasPending = useRef(false);
  // Once a submit is refused, the first field that says why gets the focus: in a dialog taller
  // than the screen its message would otherwise be out of sight, and the button seem to do nothing.
  // A submit waits for the server's answer (a render may come before the request starts).
  useEffect(() => {
    const answered = wasPending.current && !props.pending;
    wasPending.current = props.pending;
    if (!submitted.current || props.pending) return;
    const refused = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (refused || answered) submitted.current = false;
    refused?.focus();
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    submitted.current = true;
    props.onSubmit();
  }
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen onOpenChange={props.onClose}>
      <Modal className="modal wide">
        <Dialog className="dialog">
          <form ref={form} onSubmit={submit} noValidate>
            <Heading slot="title">{props.title}</Heading>
            {props.children}
            {props.problem && (
              <p role="alert" className="problem">
                {props.problem}
              </p>
            )}
            <div className="dialog-buttons">
              <Button onPress={props.onClose}>{t("chat.cancel")}</Button>
              <Button type="submit" className="primary" isDisabled={props.pending}>
                {props.pending ? t("form.saving") : props.submitLabel}
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
