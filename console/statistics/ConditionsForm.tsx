import { type FormEvent, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import { statisticsGranularities } from "../../shared/statistics";
import type { FieldErrors } from "../app/forms";
import { Picker } from "../app/Picker";
import type { StatisticsView } from "./api";

/** The service, the period and the grouping; the figures follow when the operator presses Show,
 *  so a half-typed date never runs a count. */
export function ConditionsForm(props: {
  view: StatisticsView;
  services: ServiceSummary[];
  errors: FieldErrors;
  onShow: (view: StatisticsView) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(props.view);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onShow(draft);
  };
  const dateField = (name: "from" | "to") => (
    <label className="field date-field">
      <span className="field-label">{t(`statistics.${name}`)}</span>
      <input
        type="date"
        name={name}
        required
        value={draft[name]}
        aria-invalid={props.errors[name] ? true : undefined}
        aria-describedby={props.errors[name] ? `statistics-${name}-error` : undefined}
        onChange={(event) => setDraft((current) => ({ ...current, [name]: event.target.value }))}
      />
      {props.errors[name] && (
        <span id={`statistics-${name}-error`} className="field-error">
          {props.errors[name]}
        </span>
      )}
    </label>
  );
  return (
    <form
      className="statistics-conditions"
      onSubmit={submit}
      aria-label={t("statistics.conditions")}
    >
      <Picker
        className="picker-field"
        label={t("statistics.service")}
        value={draft.serviceId}
        options={props.services.map((service) => ({ id: service.id, label: service.name }))}
        // Another service has other processing types: its view starts at the top level.
        onChange={(serviceId) =>
          setDraft((current) => ({ ...current, serviceId, processingTypeId: undefined }))
        }
      />
      {dateField("from")}
      {dateField("to")}
      <Picker
        className="picker-field granularity-field"
        label={t("statistics.granularity")}
        value={draft.granularity}
        options={statisticsGranularities.map((id) => ({ id, label: t(`statistics.${id}`) }))}
        onChange={(granularity) => setDraft((current) => ({ ...current, granularity }))}
      />
      <Button type="submit" className="primary">
        {t("statistics.show")}
      </Button>
    </form>
  );
}
