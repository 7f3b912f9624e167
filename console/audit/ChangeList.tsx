import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AuditEntry, AuditResponse } from "../../shared/api";
import { type OpeningInterval, weekdays } from "../../shared/business-hours";
import { type Language, languages } from "../../shared/domain";
import type { Formats } from "../../shared/formats";
import { fileSize } from "../../shared/upload";
import { typeName } from "../history/names";
import { useFormats } from "../i18n/formats";

type Names = AuditResponse["names"];

/**
 * What a change replaced, field by field: "Name: Old → New". A per-language field is one line per
 * language ("Greeting (English)"), business hours one line per day that changed; values are in
 * words (roles, languages, sizes, dates, the names of what ids point at), never JSON.
 */
export function ChangeList({ entry, names }: { entry: AuditEntry; names: Names }) {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  const language = i18n.resolvedLanguage ?? "en";
  if (entry.subject === "message") return <MaskedRange entry={entry} />;

  const before = flatten(entry.before ?? {});
  const after = flatten(entry.after ?? {});
  // A creation lists what it set and a deletion what was there, without arrows; neither lists
  // what was empty. A change lists what differs (a per-language field as a whole on the server).
  const single = entry.before === null ? after : entry.after === null ? before : null;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) =>
    single
      ? !isEmpty(single[key])
      : JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  );
  const value = (key: string, raw: unknown) => readable(key, raw, { t, formats, language, names });

  return (
    <ul className="change-list">
      {keys.map((key) => (
        <li key={key}>
          <span className="change-field">{fieldLabel(entry, key, t)}:</span>{" "}
          {single ? (
            <span className="change-to">{value(key, single[key])}</span>
          ) : (
            <>
              <span className="change-from">{value(key, before[key])}</span>
              <span aria-hidden> → </span>
              <span className="change-to">{value(key, after[key])}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What the change is about, by its name now (else as the change itself recorded it). */
export function subjectName(entry: AuditEntry, names: Names, t: TFunction, language: string) {
  if (entry.subject === "setting") {
    return t(`audit.setting.${entry.subjectId}` as "audit.setting.attachmentLimits", {
      defaultValue: entry.subjectId,
    });
  }
  if (entry.subject === "service" || entry.subject === "message") return null;
  const recorded = flatten({ ...entry.after, ...entry.before });
  const name =
    names[entry.subjectId] ??
    recorded.name ??
    recorded.title ??
    byLanguage(recorded, "names") ??
    byLanguage(recorded, "title");
  if (typeof name === "string") return name;
  return name ? typeName(name, language) : null;
}

/** A masking names the message and the characters it hid, and links to its chat. */
function MaskedRange({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { chatId, seq, start, end } = entry.after ?? {};
  if (typeof chatId !== "string") return null;
  return (
    <ul className="change-list">
      <li>
        {t("audit.masked", { seq, from: Number(start) + 1, to: end })}{" "}
        <Link to={`/history/${chatId}`}>{t("audit.openChat")}</Link>
      </li>
    </ul>
  );
}

/** Splits what the server keeps whole into the lines a reader compares: by language, by day. */
function flatten(record: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(record)) {
    if (key === "businessHours" && isRecord(raw) && isRecord(raw.weekly)) {
      flat["businessHours.enabled"] = raw.enabled;
      for (const day of weekdays) flat[`businessHours.${day}`] = raw.weekly[day];
      flat.closedDates = raw.closedDates;
    } else if (isPerLanguage(raw)) {
      for (const [language, text] of Object.entries(raw)) flat[`${key}.${language}`] = text;
    } else {
      flat[key] = raw;
    }
  }
  return flat;
}

/** The per-language field `field` gathered back ({"en": …}), if the record has it. */
function byLanguage(flat: Record<string, unknown>, field: string) {
  const found = languages.flatMap((language) => {
    const text = flat[`${field}.${language}`];
    return typeof text === "string" && text ? [[language, text] as const] : [];
  });
  return found.length > 0 ? (Object.fromEntries(found) as Partial<Record<Language, string>>) : null;
}

function fieldLabel(entry: AuditEntry, key: string, t: TFunction): string {
  const [field = key, part] = key.split(".");
  // The same key means another thing per subject: an FAQ entry's title is its question.
  const name = t(
    [`audit.fieldOf.${entry.subject}.${field}`, `audit.field.${field}`] as unknown as "audit.none",
    { defaultValue: field },
  );
  const partName =
    part && (languages as readonly string[]).includes(part)
      ? t(`app.languageName.${part}` as "app.languageName.en")
      : part && (weekdays as readonly string[]).includes(part)
        ? t(`hours.day.${part}` as "hours.day.mon")
        : null;
  return partName ? t("audit.fieldPart", { field: name, part: partName }) : name;
}

interface Words {
  t: TFunction;
  formats: Formats;
  language: string;
  names: Names;
}

function readable(key: string, raw: unknown, { t, formats, language, names }: Words): string {
  const [field] = key.split(".");
  const languageName = (code: unknown) =>
    (languages as readonly unknown[]).includes(code)
      ? t(`app.languageName.${code as Language}`)
      : String(code);
  if (field === "parentId") {
    if (raw === null || raw === undefined) return t("audit.topLevel");
    const parent = names[String(raw)];
    if (!parent) return t("audit.deletedType");
    return typeof parent === "string" ? parent : typeName(parent, language);
  }
  if (field === "businessHours" && key !== "businessHours.enabled") {
    const intervals = Array.isArray(raw) ? (raw as OpeningInterval[]) : [];
    return intervals.length === 0
      ? t("hours.closedDay")
      : intervals.map((interval) => `${interval.start}–${interval.end}`).join(", ");
  }
  if (isEmpty(raw) && raw !== false) return t("audit.none");
  if (field === "defaultLanguage") return languageName(raw);
  if (field === "languages" && Array.isArray(raw)) return raw.map(languageName).join(", ");
  if (field === "role") return t(`team.roles.${raw as "operator"}`, { defaultValue: String(raw) });
  if (field === "maxBytes" && typeof raw === "number") return fileSize(raw, language);
  if (field === "position" && typeof raw === "number") return formats.number(raw + 1);
  if (typeof raw === "string" && /^\d{4}-\d\d-\d\dT/.test(raw)) return formats.dateTime(raw);
  if (typeof raw === "boolean") return raw ? t("audit.on") : t("audit.off");
  if (typeof raw === "number") return formats.number(raw);
  if (Array.isArray(raw)) return raw.map(String).join(", ");
  if (typeof raw === "object") return JSON.stringify(raw);
  return String(raw);
}

/** Not worth a line in a creation or a deletion: nothing, blank, off, an empty list. */
const isEmpty = (raw: unknown) =>
  raw === null ||
  raw === undefined ||
  raw === "" ||
  raw === false ||
  (Array.isArray(raw) && raw.length === 0);

const isRecord = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === "object" && raw !== null && !Array.isArray(raw);

/** {"en": "Hello", "ja": "こんにちは"}: a text per language, as canned responses and types keep. */
const isPerLanguage = (raw: unknown): raw is Record<Language, string> =>
  isRecord(raw) &&
  Object.keys(raw).length > 0 &&
  Object.entries(raw).every(
    ([key, text]) => (languages as readonly string[]).includes(key) && typeof text === "string",
  );
