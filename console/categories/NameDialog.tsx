import { type FormEvent, useState } from "react";
import { Button, Heading } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ProcessingTypeNames } from "../../shared/categories";
import { type Language, languages } from "../../shared/domain";
import { MAX_PROCESSING_TYPE_NAME_LENGTH } from "../../shared/limits";
import { TextInput, useServerErrors } from "../app/forms";
import { ModalDialog } from "../app/ModalDialog";

/**
 * Names a category, new or renamed: a field per language, the service's default language first
 * and required. The server's refusal shows under its field; one about the place (a fourth level)
 * above the buttons.
 */
export function NameDialog(props: {
  title: string;
  /** Where a new category goes ("Under Orders"), shown under the title. */
  place?: string;
  defaultLanguage: Language;
  names: ProcessingTypeNames;
  saving: boolean;
  error: unknown;
  onSave: (names: ProcessingTypeNames) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [names, setNames] = useState(props.names);
  // "Fill this in" waits until the field has been typed in: an empty new form is not an error.
  const [touched, setTouched] = useState(false);
  const errors = useServerErrors(props.error);
  const order = [
    props.defaultLanguage,
    ...languages.filter((language) => language !== props.defaultLanguage),
  ];
  const blank = !names[props.defaultLanguage]?.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!blank) props.onSave(names);
  };
  return (
    <ModalDialog className="category-dialog" onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <Heading slot="title">{props.title}</Heading>
        {props.place && <p>{props.place}</p>}
        {order.map((language, index) => (
          <TextInput
            key={language}
            name={`names.${language}`}
            label={
              language === props.defaultLanguage
                ? t("categories.defaultName", {
                    language: t(`categories.language.${language}`),
                  })
                : t("categories.otherName", { language: t(`categories.language.${language}`) })
            }
            lang={language}
            value={names[language] ?? ""}
            onChange={(value) => {
              setTouched(true);
              setNames({ ...names, [language]: value });
            }}
            required={index === 0 && touched}
            maxLength={MAX_PROCESSING_TYPE_NAME_LENGTH}
            errors={errors.fields}
          />
        ))}
        {(errors.fields.parentId ?? errors.form) && (
          <p role="alert" className="problem">
            {errors.fields.parentId ?? errors.form}
          </p>
        )}
        <div className="dialog-buttons">
          <Button onPress={props.onClose}>{t("categories.cancel")}</Button>
          <Button type="submit" className="primary" isDisabled={blank || props.saving}>
            {props.saving ? t("form.saving") : t("form.save")}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
