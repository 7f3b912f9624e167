/**
 * The processing type as a cascading choice (PRODUCT.md: 1 to 3 levels): a level's choice offers
 * its children at the next level, and any level may be the answer. Retired types are not offered,
 * but the one the chat has (and its parents) stays shown, marked.
 */
import { useTranslation } from "react-i18next";
import type { ProcessingType } from "../../../shared/categories";
import type { Language } from "../../../shared/domain";
import { MAX_PROCESSING_TYPE_DEPTH } from "../../../shared/limits";
import { Picker } from "../../app/Picker";
import { useProcessingTypes, useTypeName } from "../../categories/api";

const NONE = "none";

/** The type and its parents, top level first. */
function pathOf(types: ProcessingType[], id: string | null): string[] {
  const byId = new Map(types.map((type) => [type.id, type]));
  const path: string[] = [];
  for (let type = id ? byId.get(id) : undefined; type; type = byId.get(type.parentId ?? "")) {
    path.unshift(type.id);
  }
  return path;
}

export function ProcessingTypeChoice(props: {
  serviceId: string;
  defaultLanguage: Language;
  value: string | null;
  /** The type the chat has now: shown even when retired. */
  kept: string | null;
  onChange: (value: string | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const tree = useProcessingTypes(props.serviceId);
  const nameOf = useTypeName(props.defaultLanguage);
  if (!tree.data) {
    return <p className="muted">{tree.isError ? t("info.typesFailed") : t("app.loading")}</p>;
  }
  const types = tree.data.processingTypes;
  const keptPath = new Set(pathOf(types, props.kept));
  const offered = types.filter((type) => !type.retired || keptPath.has(type.id));
  if (offered.length === 0) return <p className="muted">{t("info.noTypes")}</p>;
  const path = pathOf(types, props.value);

  const levels: { depth: number; options: ProcessingType[] }[] = [];
  for (let depth = 1; depth <= MAX_PROCESSING_TYPE_DEPTH; depth++) {
    const parentId = depth === 1 ? null : path[depth - 2];
    if (parentId === undefined) break;
    const options = offered.filter((type) => type.parentId === parentId);
    if (options.length === 0) break;
    levels.push({ depth, options });
  }

  return (
    <div className="type-choice">
      {levels.map(({ depth, options }) => (
        <Picker
          key={depth}
          className="field type-level"
          label={depth === 1 ? t("info.processingType") : t("info.typeLevel", { level: depth })}
          hideLabel={depth > 1}
          value={path[depth - 1] ?? NONE}
          options={[
            { id: NONE, label: depth === 1 ? t("info.typeNone") : t("info.typeAny") },
            ...options.map((type) => ({
              id: type.id,
              label: type.retired ? t("info.retired", { name: nameOf(type) }) : nameOf(type),
            })),
          ]}
          onChange={(chosen) =>
            props.onChange(chosen === NONE ? (path[depth - 2] ?? null) : chosen)
          }
        />
      ))}
      {props.error && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The type's names from its top level down ("Orders › Late delivery"), for the conflict view. */
export function useTypeTrail(serviceId: string, defaultLanguage: Language) {
  const tree = useProcessingTypes(serviceId);
  const nameOf = useTypeName(defaultLanguage);
  return (id: string | null) => {
    const types = tree.data?.processingTypes ?? [];
    const byId = new Map(types.map((type) => [type.id, type]));
    return pathOf(types, id)
      .map((step) => nameOf(byId.get(step) as ProcessingType))
      .join(" › ");
  };
}
