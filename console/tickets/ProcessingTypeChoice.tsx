import { useTranslation } from "react-i18next";
import type { ProcessingType } from "../../shared/categories";
import type { Language } from "../../shared/domain";
import { Picker } from "../app/Picker";
import { useProcessingTypes, useTypeName } from "../categories/api";

const NONE = "-";

/**
 * A processing type as a cascading choice, one select per level of the service's tree (1 to 3):
 * the deeper selects appear once a type with children is chosen. Retired types are not offered
 * (unless `offerRetired`), but a retired type already chosen is shown, marked.
 */
export function ProcessingTypeChoice(props: {
  serviceId: string;
  defaultLanguage: Language;
  value: string | null;
  onChange: (value: string | null) => void;
  label: string;
  /** What the first select's empty choice says ("No processing type", "Any"). */
  noneLabel: string;
  offerRetired?: boolean;
  isDisabled?: boolean;
}) {
  const { t } = useTranslation();
  const tree = useProcessingTypes(props.serviceId);
  const nameOf = useTypeName(props.defaultLanguage);
  const types = tree.data?.processingTypes ?? [];
  const byId = new Map(types.map((type) => [type.id, type]));
  const path: ProcessingType[] = [];
  for (let type = props.value ? byId.get(props.value) : undefined; type; ) {
    path.unshift(type);
    type = type.parentId ? byId.get(type.parentId) : undefined;
  }
  const label = (type: ProcessingType) =>
    type.retired ? t("tickets.retiredType", { name: nameOf(type) }) : nameOf(type);
  const levels: Array<{ parentId: string | null; chosen: ProcessingType | undefined }> = [
    { parentId: null, chosen: path[0] },
  ];
  for (const type of path) {
    const hasChildren = types.some((child) => child.parentId === type.id);
    if (hasChildren) levels.push({ parentId: type.id, chosen: path[levels.length] });
  }
  if (tree.isPending) return <p className="muted">{t("app.loading")}</p>;
  if (tree.isError) {
    return (
      <div className="type-choice">
        <span className="field-label">{props.label}</span>
        <p className="picker-problem">{t("app.listFailed")}</p>
      </div>
    );
  }

  return (
    <fieldset className="type-choice" disabled={props.isDisabled}>
      <legend className="field-label">{props.label}</legend>
      {levels.map((level, depth) => {
        const options = types.filter(
          (type) =>
            type.parentId === level.parentId &&
            (props.offerRetired || !type.retired || type.id === level.chosen?.id),
        );
        return (
          <Picker
            key={level.parentId ?? "root"}
            className="picker-field"
            label={t("tickets.typeLevel", { level: depth + 1 })}
            hideLabel
            value={level.chosen?.id ?? NONE}
            options={[
              {
                id: NONE,
                label: depth === 0 ? props.noneLabel : t("tickets.anySubtype"),
              },
              ...options.map((type) => ({ id: type.id, label: label(type) })),
            ]}
            onChange={(id) => props.onChange(id === NONE ? (level.parentId ?? null) : id)}
          />
        );
      })}
    </fieldset>
  );
}
