import "./business-hours.css";
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import {
  type BusinessHours,
  isCalendarDate,
  MAX_CLOSED_DATES,
  MAX_INTERVALS_PER_DAY,
  type OpeningInterval,
  scheduleProblem,
  type Weekday,
  weekdays,
} from "../../shared/business-hours";
import { type FieldErrors, SaveBar, TextInput, Toggle } from "../app/forms";
import { useServiceForm } from "./useServiceForm";

/** What a schedule turned on without any hours starts from: weekdays, 9:00 to 18:00. */
const officeHours: BusinessHours["weekly"] = Object.fromEntries(
  weekdays.map((day) => [
    day,
    ["sat", "sun"].includes(day) ? [] : [{ start: "09:00", end: "18:00" }],
  ]),
) as BusinessHours["weekly"];

type Draft = BusinessHours & { outsideHoursMessages: Record<string, string> };

const draftOf = (service: ServiceSummary): Draft => ({
  ...service.businessHours,
  outsideHoursMessages: Object.fromEntries(
    service.texts.map((text) => [text.language, text.outsideHoursMessage]),
  ),
});

/** Business hours: the weekly schedule in the service's time zone, closed dates, and what the
 *  widget says outside them, per language. */
export function BusinessHoursScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const form = useServiceForm({ service, fields: draftOf, method: "PUT", path: "/business-hours" });
  const { draft } = form;
  // The client's check, worded like the server's refusal of the same field.
  const problem = scheduleProblem(draft);
  const errors: FieldErrors = {
    ...(problem && { [problem.field]: t(`fieldError.${problem.reason}`) }),
    ...form.errors.fields,
  };
  const setDay = (day: Weekday, intervals: OpeningInterval[]) =>
    form.update({ weekly: { ...draft.weekly, [day]: intervals } });
  return (
    <form className="admin-screen" onSubmit={form.submit}>
      <h2>{t("hours.title")}</h2>
      <p className="lead">{t("hours.lead", { timeZone: service.timeZone })}</p>
      <p className="hours-now" role="status">
        {service.openNow ? t("hours.openNow") : t("hours.closedNow")}
      </p>
      <Toggle
        label={t("hours.enabled")}
        description={t("hours.enabledHelp")}
        isSelected={draft.enabled}
        onChange={(enabled) =>
          form.update(
            enabled && weekdays.every((day) => draft.weekly[day].length === 0)
              ? { enabled, weekly: officeHours }
              : { enabled },
          )
        }
      />
      <fieldset disabled={!draft.enabled} className="hours-week">
        <legend>{t("hours.weekly", { timeZone: service.timeZone })}</legend>
        {weekdays.map((day) => (
          <DaySchedule
            key={day}
            day={day}
            intervals={draft.weekly[day]}
            errors={errors}
            onChange={(intervals) => setDay(day, intervals)}
          />
        ))}
      </fieldset>
      <ClosedDates
        dates={draft.closedDates}
        disabled={!draft.enabled}
        errors={errors}
        onChange={(closedDates) => form.update({ closedDates })}
      />
      <fieldset>
        <legend>{t("hours.message")}</legend>
        <p className="field-description">{t("hours.messageHelp")}</p>
        {service.languages.map((language) => (
          <TextInput
            key={language}
            name={`outsideHoursMessages.${language}`}
            label={t(`app.languageName.${language}`)}
            lang={language}
            multiline
            maxLength={1000}
            errors={errors}
            value={draft.outsideHoursMessages[language] ?? ""}
            onChange={(message) =>
              form.update({
                outsideHoursMessages: { ...draft.outsideHoursMessages, [language]: message },
              })
            }
          />
        ))}
      </fieldset>
      <SaveBar {...form.saveBar} invalid={problem !== null} />
    </form>
  );
}

/** One weekday: its intervals (none: closed), each a start and an end. */
function DaySchedule(props: {
  day: Weekday;
  intervals: OpeningInterval[];
  errors: FieldErrors;
  onChange: (intervals: OpeningInterval[]) => void;
}) {
  const { t } = useTranslation();
  const { day, intervals, errors, onChange } = props;
  const dayName = t(`hours.day.${day}`);
  const change = (index: number, patch: Partial<OpeningInterval>) =>
    onChange(intervals.map((each, at) => (at === index ? { ...each, ...patch } : each)));
  const last = intervals.at(-1);
  return (
    <div className="hours-day">
      <span className="hours-day-name" id={`day-${day}`}>
        {dayName}
      </span>
      <div className="hours-intervals">
        {intervals.length === 0 && <span className="muted">{t("hours.closedDay")}</span>}
        {intervals.map((interval, index) => {
          const path = `weekly.${day}.${index}`;
          const error = errors[`${path}.start`] ?? errors[`${path}.end`];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
            <div key={index} className="hours-interval" data-invalid={error ? true : undefined}>
              <input
                type="time"
                aria-label={t("hours.start", { day: dayName, number: index + 1 })}
                value={interval.start}
                required
                onChange={(event) => change(index, { start: event.currentTarget.value })}
              />
              <span aria-hidden>–</span>
              <input
                type="time"
                aria-label={t("hours.end", { day: dayName, number: index + 1 })}
                value={interval.end === "24:00" ? "23:59" : interval.end}
                required
                onChange={(event) => change(index, { end: event.currentTarget.value })}
              />
              <Button
                className="link"
                aria-label={t("hours.removeInterval", { day: dayName, number: index + 1 })}
                onPress={() => onChange(intervals.filter((_, at) => at !== index))}
              >
                {t("hours.remove")}
              </Button>
              {error && (
                <span className="problem" role="alert">
                  {error}
                </span>
              )}
            </div>
          );
        })}
        {intervals.length < MAX_INTERVALS_PER_DAY && (
          <Button
            className="link"
            aria-label={t("hours.addIntervalTo", { day: dayName })}
            onPress={() =>
              onChange([
                ...intervals,
                last ? { start: last.end, end: "24:00" } : { start: "09:00", end: "18:00" },
              ])
            }
          >
            {t("hours.addInterval")}
          </Button>
        )}
      </div>
    </div>
  );
}

/** Dates the service is closed all day, in its time zone (holidays). */
function ClosedDates(props: {
  dates: string[];
  disabled: boolean;
  errors: FieldErrors;
  onChange: (dates: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const { dates, disabled, errors, onChange } = props;
  const [adding, setAdding] = useState("");
  const addable = isCalendarDate(adding) && !dates.includes(adding);
  const shown = (date: string) =>
    isCalendarDate(date)
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "full", timeZone: "UTC" }).format(
          new Date(`${date}T00:00:00Z`),
        )
      : date;
  return (
    <fieldset disabled={disabled}>
      <legend>{t("hours.closedDates")}</legend>
      <p className="field-description">{t("hours.closedDatesHelp")}</p>
      {dates.length === 0 ? (
        <p className="muted">{t("hours.noClosedDates")}</p>
      ) : (
        <ul className="hours-dates">
          {dates.map((date, index) => (
            <li key={date}>
              <span>{shown(date)}</span>
              <Button
                className="link"
                aria-label={t("hours.removeDate", { date: shown(date) })}
                onPress={() => onChange(dates.filter((each) => each !== date))}
              >
                {t("hours.remove")}
              </Button>
              {errors[`closedDates.${index}`] && (
                <span className="problem" role="alert">
                  {errors[`closedDates.${index}`]}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {dates.length < MAX_CLOSED_DATES && (
        <div className="hours-add-date">
          <label>
            <span className="field-label">{t("hours.addDateLabel")}</span>
            <input
              type="date"
              value={adding}
              onChange={(event) => setAdding(event.currentTarget.value)}
            />
          </label>
          <Button
            isDisabled={!addable}
            onPress={() => {
              onChange([...dates, adding].sort());
              setAdding("");
            }}
          >
            {t("hours.addDate")}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
