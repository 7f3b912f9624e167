import { type FormEvent, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ProcessingType } from "../../shared/categories";
import { channels } from "../../shared/domain";
import { historyRatings, historyStatuses } from "../../shared/history";
import { MAX_SEARCH_WORDS_LENGTH } from "../../shared/limits";
import { useServices } from "../admin/AdminLayout";
import { type FieldErrors, TextInput } from "../app/forms";
import { Picker } from "../app/Picker";
import { useProcessingTypes } from "../categories/api";
import { type Conditions, useHistoryOperators } from "./api";
import { typeName } from "./names";

const ANY = "any";
const moreConditions = [
  "from",
  "to",
  "serviceId",
  "processingTypeId",
  "status",
  "operatorId",
  "rating",
  "channel",
  "hasTicket",
] as const;

/** The search conditions as the operator types them; the list follows only when they press
 *  Search, so a half-typed word never runs a search and typed text stays while it loads. */
export function SearchForm(props: {
  conditions: Conditions;
  onSearch: (conditions: Conditions) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Conditions>(props.conditions);
  const set = (name: keyof Conditions) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value === ANY ? undefined : value }));
  const services = useServices();
  const operators = useHistoryOperators();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSearch(draft);
  };
  const clear = () => {
    setDraft({});
    props.onSearch({});
  };
  const any = { id: ANY, label: t("history.any") };
  // Open when the URL sets one of them, so a shared search shows all it asks.
  const moreSet = moreConditions.filter((name) => props.conditions[name]).length;

  return (
    <form className="history-search" onSubmit={submit} aria-label={t("history.conditions")}>
      <div className="history-primary">
        <TextInput
          name="words"
          label={t("history.words")}
          description={t("history.wordsHint")}
          value={draft.words ?? ""}
          onChange={set("words")}
          maxLength={MAX_SEARCH_WORDS_LENGTH}
          errors={props.errors}
        />
        <TextInput
          name="customer"
          label={t("history.customer")}
          value={draft.customer ?? ""}
          onChange={set("customer")}
          maxLength={MAX_SEARCH_WORDS_LENGTH}
          errors={props.errors}
        />
      </div>
      <details className="history-more-conditions" open={moreSet > 0}>
        <summary>
          {moreSet > 0
            ? t("history.moreConditionsSet", { count: moreSet })
            : t("history.moreConditions")}
        </summary>
        <div className="history-fields">
          <label className="field date-field">
            <span className="field-label">{t("history.from")}</span>
            <input
              type="date"
              value={draft.from ?? ""}
              max={draft.to || undefined}
              onChange={(e) => set("from")(e.target.value)}
            />
          </label>
          <label className="field date-field">
            <span className="field-label">{t("history.to")}</span>
            <input
              type="date"
              value={draft.to ?? ""}
              min={draft.from || undefined}
              onChange={(e) => set("to")(e.target.value)}
            />
          </label>
          <Picker
            className="picker-field"
            label={t("history.service")}
            value={draft.serviceId ?? ANY}
            options={[
              { id: ANY, label: t("history.allServices") },
              ...(services.data?.services ?? []).map((service) => ({
                id: service.id,
                label: service.name,
              })),
            ]}
            onChange={(value) =>
              // A processing type is of one service: another service's list has other types.
              setDraft((current) => ({
                ...current,
                serviceId: value === ANY ? undefined : value,
                processingTypeId: undefined,
              }))
            }
          />
          {draft.serviceId && (
            <ProcessingTypePicker
              serviceId={draft.serviceId}
              value={draft.processingTypeId ?? ANY}
              onChange={set("processingTypeId")}
            />
          )}
          <Picker
            className="picker-field"
            label={t("history.status")}
            value={draft.status ?? ANY}
            options={[any, ...historyStatuses.map((id) => ({ id, label: t(`history.${id}`) }))]}
            onChange={set("status")}
          />
          <Picker
            className="picker-field"
            label={t("history.operator")}
            value={draft.operatorId ?? ANY}
            options={[
              any,
              ...(operators.data?.operators ?? []).map((operator) => ({
                id: operator.id,
                label: operator.name,
              })),
            ]}
            onChange={set("operatorId")}
            problem={operators.isError ? t("app.listFailed") : null}
          />
          <Picker
            className="picker-field"
            label={t("history.rating")}
            value={draft.rating ?? ANY}
            options={[
              any,
              ...historyRatings.map((id) => ({
                id,
                label:
                  id === "none" ? t("history.unrated") : t("history.stars", { count: Number(id) }),
              })),
            ]}
            onChange={set("rating")}
          />
          <Picker
            className="picker-field"
            label={t("history.channel")}
            value={draft.channel ?? ANY}
            options={[any, ...channels.map((id) => ({ id, label: t(`channel.${id}`) }))]}
            onChange={set("channel")}
          />
          <Picker
            className="picker-field"
            label={t("history.ticket")}
            value={draft.hasTicket ?? ANY}
            options={[
              any,
              { id: "yes", label: t("history.withTicket") },
              { id: "no", label: t("history.withoutTicket") },
            ]}
            onChange={set("hasTicket")}
          />
        </div>
      </details>
      <div className="history-actions">
        <Button type="submit" className="primary">
          {t("history.search")}
        </Button>
        <Button onPress={clear}>{t("history.clear")}</Button>
      </div>
    </form>
  );
}

function ProcessingTypePicker(props: {
  serviceId: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const types = useProcessingTypes(props.serviceId);
  const language = i18n.resolvedLanguage ?? "en";
  const indent = (type: ProcessingType) => "\u2003".repeat(type.depth - 1);
  return (
    <Picker
      className="picker-field"
      label={t("history.processingType")}
      value={props.value}
      options={[
        { id: ANY, label: t("history.any") },
        ...(types.data?.processingTypes ?? []).map((type) => ({
          id: type.id,
          label: `${indent(type)}${typeName(type.names, language)}`,
        })),
      ]}
      onChange={props.onChange}
    />
  );
}
