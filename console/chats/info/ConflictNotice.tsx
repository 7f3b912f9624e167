import { useEffect, useRef } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ChatSummary } from "../../../shared/chat";
import { type InfoValues, savedValues } from "./drafts";

/** A colleague saved first: their values beside the operator's, for each field where they
 *  differ, and the choice of which to keep. */
export function ConflictNotice(props: {
  theirs: ChatSummary;
  mine: InfoValues;
  typeTrail: (id: string | null) => string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const theirs = savedValues(props.theirs);
  // It appears where the operator may not be looking (the pane scrolled to Save): bring it in.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    notice.current?.scrollIntoView({ block: "nearest" });
  }, []);
  const empty = t("conflict.empty");
  const fields: { label: string; theirs: string; mine: string }[] = [
    { label: t("info.name"), theirs: theirs.name, mine: props.mine.name },
    { label: t("info.email"), theirs: theirs.email, mine: props.mine.email },
    { label: t("info.notes"), theirs: theirs.notes, mine: props.mine.notes },
    {
      label: t("info.processingType"),
      theirs: props.typeTrail(theirs.processingTypeId),
      mine: props.typeTrail(props.mine.processingTypeId),
    },
  ].filter((field) => field.theirs.trim() !== field.mine.trim());

  return (
    <div className="conflict" role="alert" ref={notice} aria-labelledby="conflict-title">
      <h3 id="conflict-title">{t("conflict.title")}</h3>
      <p>{fields.length > 0 ? t("conflict.lead") : t("conflict.same")}</p>
      {fields.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t("conflict.field")}</span>
              </th>
              <th scope="col">{t("conflict.theirs")}</th>
              <th scope="col">{t("conflict.mine")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field.label}>
                <th scope="row">{field.label}</th>
                <td>{field.theirs || empty}</td>
                <td>{field.mine || empty}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="conflict-buttons">
        <Button className="primary" isDisabled={props.saving} onPress={props.onKeepMine}>
          {t("conflict.keepMine")}
        </Button>
        <Button isDisabled={props.saving} onPress={props.onTakeTheirs}>
          {t("conflict.takeTheirs")}
        </Button>
      </div>
    </div>
  );
}
