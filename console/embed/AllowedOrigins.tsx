/** The site origins allowed to carry the widget: added one by one (checked as the server checks
 *  them, and kept in the spelling the server keeps), removed, then saved together. */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_ALLOWED_ORIGINS } from "../../shared/limits";
import { siteOriginOf } from "../../shared/origins";
import { SaveBar, TextInput, useServerErrors } from "../app/forms";
import { useUpdateEmbedSettings } from "./api";

export function AllowedOrigins(props: { serviceId: string; saved: string[] }) {
  const { t } = useTranslation();
  const [origins, setOrigins] = useState(props.saved);
  const [entry, setEntry] = useState("");
  const [entryError, setEntryError] = useState<string | null>(null);
  const update = useUpdateEmbedSettings(props.serviceId);
  const server = useServerErrors(update.error);
  const dirty = origins.join(" ") !== props.saved.join(" ");
  // The server names a refused entry by its place in the list ("allowedOrigins.2").
  const listError = Object.entries(server.fields).find(([name]) =>
    name.startsWith("allowedOrigins"),
  )?.[1];

  const add = (event: FormEvent) => {
    event.preventDefault();
    const parsed = siteOriginOf(entry);
    if ("problem" in parsed) return setEntryError(t(`embed.originProblem.${parsed.problem}`));
    if (origins.includes(parsed.origin)) return setEntryError(t("embed.originProblem.listed"));
    if (origins.length >= MAX_ALLOWED_ORIGINS) {
      return setEntryError(t("embed.originProblem.tooMany", { limit: MAX_ALLOWED_ORIGINS }));
    }
    setOrigins([...origins, parsed.origin]);
    setEntry("");
    setEntryError(null);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ allowedOrigins: origins });
  };

  return (
    <div className="allowed-origins">
      <h3>{t("embed.origins")}</h3>
      <p className="muted">{t("embed.originsLead")}</p>
      {origins.length === 0 ? (
        <p className="origins-empty">{t("embed.originsEmpty")}</p>
      ) : (
        <ul className="origins" aria-label={t("embed.origins")}>
          {origins.map((origin) => (
            <li key={origin}>
              <span className="origin">{origin}</span>
              <button
                type="button"
                aria-label={t("embed.remove", { origin })}
                onClick={() => setOrigins(origins.filter((other) => other !== origin))}
              >
                {t("embed.removeShort")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {listError && <p className="problem">{listError}</p>}
      {/* A form of its own, so that Enter in the entry adds it instead of saving the list. */}
      <form className="origin-entry" onSubmit={add} noValidate>
        <TextInput
          name="newOrigin"
          label={t("embed.newOrigin")}
          description={t("embed.newOriginHelp")}
          value={entry}
          onChange={(value) => {
            setEntry(value);
            setEntryError(null);
          }}
          type="url"
          errors={entryError ? { newOrigin: entryError } : {}}
        />
        <button type="submit" disabled={entry.trim() === ""}>
          {t("embed.add")}
        </button>
      </form>
      <form onSubmit={save}>
        <SaveBar
          dirty={dirty}
          saving={update.isPending}
          saved={update.isSuccess}
          formError={server.form}
        />
      </form>
    </div>
  );
}
