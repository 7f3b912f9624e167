/** The form for a new canned response or a change of one: title, shortcut, and a text per
 *  language (the service's default language first). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import {
  type CannedResponse,
  MAX_CANNED_TEXT_LENGTH,
  normalizeShortcut,
  shortcutPattern,
} from "../../shared/canned-responses";
import { type Language, languages } from "../../shared/domain";
import { FormDialog } from "../app/FormDialog";
import { TextInput, useServerErrors } from "../app/forms";
import { useSaveCannedResponse } from "./api";

export function CannedResponseDialog(props: {
  service: ServiceSummary;
  /** The one to change; none: a new one. */
  cannedResponse: CannedResponse | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const existing = props.cannedResponse;
  const save = useSaveCannedResponse(props.service.id);
  const [title, setTitle] = useState(existing?.title ?? "");
  const [shortcut, setShortcut] = useState(existing?.shortcut ?? "/");
  const [texts, setTexts] = useState<Record<Language, string>>(() => {
    const initial = { ja: "", en: "", ko: "" };
    for (const text of existing?.texts ?? []) initial[text.language] = text.text;
    return initial;
  });
  const order = [
    props.service.defaultLanguage,
    ...languages.filter((language) => language !== props.service.defaultLanguage),
  ];
  const written = order.filter((language) => texts[language].trim() !== "");
  // A new form says what is missing only once Save was tried, not before anything was typed.
  const [tried, setTried] = useState(Boolean(existing));
  const errors = useServerErrors(save.error);
  const fields = { ...errors.fields };
  const cleanShortcut = normalizeShortcut(shortcut.trim());
  if (
    (tried || shortcut.trim() !== "/") &&
    !shortcutPattern.test(cleanShortcut) &&
    !fields.shortcut
  ) {
    fields.shortcut = t("fieldError.invalid_format");
  }
  const invalid =
    title.trim() === "" || !shortcutPattern.test(cleanShortcut) || written.length === 0;

  function submit() {
    setTried(true);
    if (invalid) return;
    save.mutate(
      {
        id: existing?.id ?? null,
        body: {
          title: title.trim(),
          shortcut: cleanShortcut,
          texts: written.map((language) => ({ language, text: texts[language].trim() })),
        },
      },
      { onSuccess: props.onClose },
    );
  }

  return (
    <FormDialog
      title={
        existing
          ? t("cannedResponses.editTitle", { shortcut: existing.shortcut })
          : t("cannedResponses.createTitle")
      }
      submitLabel={existing ? t("cannedResponses.save") : t("cannedResponses.create")}
      pending={save.isPending}
      problem={
        errors.form ??
        fields.texts ??
        (tried && written.length === 0 ? t("cannedResponses.textsRequired") : null)
      }
      onSubmit={submit}
      onClose={props.onClose}
    >
      <TextInput
        name="title"
        label={t("cannedResponses.titleField")}
        value={title}
        onChange={setTitle}
        required={tried}
        maxLength={100}
        errors={fields}
      />
      <TextInput
        name="shortcut"
        label={t("cannedResponses.shortcut")}
        description={t("cannedResponses.shortcutHelp")}
        value={shortcut}
        onChange={setShortcut}
        autoComplete="off"
        errors={fields}
      />
      <fieldset className="dialog-group">
        <legend>{t("cannedResponses.languages")}</legend>
        <p className="field-description">{t("cannedResponses.textsHelp")}</p>
        {order.map((language) => (
          <TextInput
            key={language}
            // The server names a text by its place among those sent.
            name={`texts.${written.indexOf(language)}.text`}
            label={t("cannedResponses.text", {
              language: t(`app.languageName.${language}`),
            })}
            value={texts[language]}
            onChange={(text) => setTexts({ ...texts, [language]: text })}
            multiline
            lang={language}
            maxLength={MAX_CANNED_TEXT_LENGTH}
            errors={fields}
          />
        ))}
      </fieldset>
    </FormDialog>
  );
}
