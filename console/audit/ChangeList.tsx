import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../shared/api";
import { languages } from "../../shared/languages";

/** What a change replaced, field by field: "Name: Old → New". A field another part of the
 *  console audits without a label here shows by its name. */
export function ChangeList({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  // A creation lists what it set; there is no "from", and what it left empty is not news.
  const created = entry.before === null;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !created || !(isBlank(after[key]) || after[key] === false),
  );

  const label = (key: string) => {
    const [field = key, language] = key.split(".");
    const name = t(`audit.field.${field}` as "audit.field.name", { defaultValue: field });
    return language && (languages as readonly string[]).includes(language)
      ? `${name} (${t(`app.languageName.${language}` as "app.languageName.en")})`
      : name;
  };
  const languageName = (code: unknown) =>
    (languages as readonly unknown[]).includes(code)
      ? t(`app.languageName.${code as (typeof languages)[number]}`)
      : String(code);
  const value = (key: string, raw: unknown) => {
    if (isBlank(raw)) return t("audit.none");
    if (key === "defaultLanguage") return languageName(raw);
    if (key === "languages" && Array.isArray(raw)) return raw.map(languageName).join(", ");
    if (typeof raw === "boolean") return raw ? t("audit.on") : t("audit.off");
    if (Array.isArray(raw)) return raw.map(String).join(", ");
    if (typeof raw === "object") return JSON.stringify(raw);
    return String(raw);
  };

  return (
    <ul className="change-list">
      {keys.map((key) => (
        <li key={key}>
          <span className="change-field">{label(key)}:</span>{" "}
          {!created && (
            <>
              <span className="change-from">{value(key, before[key])}</span>
              <span aria-hidden> → </span>
            </>
          )}
          <span className="change-to">{value(key, after[key])}</span>
        </li>
      ))}
    </ul>
  );
}

const isBlank = (raw: unknown) => raw === null || raw === undefined || raw === "";
