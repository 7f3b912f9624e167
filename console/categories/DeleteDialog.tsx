import { Button, Heading } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useServerErrors } from "../app/forms";
import { ModalDialog } from "../app/ModalDialog";

/** Deleting is asked once more: it cannot be undone, and it takes the categories under it.
 *  One that chats use is refused by the server, which says to retire it instead. */
export function DeleteDialog(props: {
  name: string;
  hasChildren: boolean;
  deleting: boolean;
  error: unknown;
  onDelete: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const refused = useServerErrors(props.error).form;
  return (
    <ModalDialog role="alertdialog" onClose={props.onClose}>
      <Heading slot="title">{t("categories.deleteTitle", { name: props.name })}</Heading>
      <p>{props.hasChildren ? t("categories.deleteWithChildren") : t("categories.deleteText")}</p>
      {refused && (
        <p role="alert" className="problem">
          {refused}
        </p>
      )}
      <div className="dialog-buttons">
        {/* The harmless choice has the keyboard first, as for any alert dialog. */}
        <Button autoFocus onPress={props.onClose}>
          {t("categories.cancel")}
        </Button>
        <Button
          className="danger"
          isDisabled={props.deleting || Boolean(refused)}
          onPress={props.onDelete}
        >
          {t("categories.delete")}
        </Button>
      </div>
    </ModalDialog>
  );
}
