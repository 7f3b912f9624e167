/** A password an administrator was just given (a new operator, a reset): shown this once, with
 *  a copy button that says it copied. */
import { useState } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { OperatorPasswordResponse } from "../../shared/operators";

export function PasswordShown(props: {
  shown: OperatorPasswordResponse;
  reason: "created" | "reset";
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const { operator, password } = props.shown;
  const names = { name: operator.name, email: operator.email };
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={props.onClose}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t("team.passwordTitle", names)}</Heading>
          <p>
            {props.reason === "created"
              ? t("team.passwordCreated", names)
              : t("team.passwordReset", names)}
          </p>
          <div className="shown-password">
            <span className="visually-hidden">{t("team.password")}</span>
            <code translate="no">{password}</code>
            <Button
              onPress={async () => {
                await navigator.clipboard.writeText(password);
                setCopied(true);
              }}
            >
              {copied ? t("team.copied") : t("team.copy")}
            </Button>
          </div>
          <p className="muted">{t("team.passwordOnce")}</p>
          <div className="dialog-buttons">
            <Button className="primary" autoFocus onPress={props.onClose}>
              {t("team.done")}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
