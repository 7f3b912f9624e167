/** The fields a service is created and changed with: its name, its languages with the default
 *  among them, and its time zone. */
import { useMemo, useState } from "react";
import {
  Button,
  Checkbox,
  CheckboxGroup,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import { type Language, languages } from "../../shared/languages";
import { type FieldErrors, TextInput } from "../app/forms";
import { Picker } from "../app/Picker";

export interface ServiceIdentity {
  name: string;
  languages: Language[];
  defaultLanguage: Language;
  timeZone: string;
}

export function ServiceIdentityFields(props: {
  value: ServiceIdentity;
  onChange: (patch: Partial<ServiceIdentity>) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const { value, onChange, errors } = props;
  // A new service's blank name is not a mistake until someone has typed in it.
  const [typed, setTyped] = useState(value.name !== "");
  return (
    <>
      <TextInput
        name="name"
        label={t("services.name")}
        value={value.name}
        onChange={(name) => {
          setTyped(true);
          onChange({ name });
        }}
        errors={errors}
        required={typed}
        maxLength={100}
      />
      <LanguageFields
        value={value.languages}
        defaultLanguage={value.defaultLanguage}
        onChange={onChange}
        errors={errors}
      />
      <TimeZoneField
        value={value.timeZone}
        onChange={(timeZone) => onChange({ timeZone })}
        errors={errors}
      />
    </>
  );
}

/** Whether the identity can be sent: a name and a language at least. */
export const identityComplete = (value: ServiceIdentity) =>
  value.name.trim() !== "" && value.languages.length > 0;

function LanguageFields(props: {
  value: Language[];
  defaultLanguage: Language;
  onChange: (value: { languages: Language[]; defaultLanguage: Language }) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const chosen = languages.filter((language) => props.value.includes(language));
  const error =
    props.errors.languages ?? (chosen.length === 0 ? t("services.noLanguage") : undefined);
  return (
    <>
      <CheckboxGroup
        className="field"
        name="languages"
        value={chosen}
        onChange={(value) => {
          const next = languages.filter((language) => value.includes(language));
          // The default follows when its language is taken away.
          const defaultLanguage = next.includes(props.defaultLanguage)
            ? props.defaultLanguage
            : (next[0] ?? props.defaultLanguage);
          props.onChange({ languages: next, defaultLanguage });
        }}
        isInvalid={Boolean(error)}
        validationBehavior="aria"
      >
        <Label>{t("services.languages")}</Label>
        <div className="checkbox-row">
          {languages.map((language) => (
            <Checkbox key={language} value={language} className="checkbox">
              <span className="checkbox-box" aria-hidden />
              <span lang={language}>{t(`app.languageName.${language}`)}</span>
            </Checkbox>
          ))}
        </div>
        <FieldError>{error}</FieldError>
      </CheckboxGroup>
      {chosen.length > 0 && (
        <div className="field">
          <Picker
            className="picker-field"
            label={t("services.defaultLanguage")}
            value={props.defaultLanguage}
            options={chosen.map((language) => ({
              id: language,
              label: t(`app.languageName.${language}`),
              lang: language,
            }))}
            onChange={(defaultLanguage) => props.onChange({ languages: chosen, defaultLanguage })}
          />
          <p className="field-description">
            {props.errors.defaultLanguage ?? t("services.defaultLanguageHelp")}
          </p>
        </div>
      )}
    </>
  );
}

/** The IANA time zones this browser knows, and UTC: picked by typing part of a name. */
function TimeZoneField(props: {
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const zones = useMemo(
    () => ["UTC", ...Intl.supportedValuesOf("timeZone")].map((zone) => ({ id: zone })),
    [],
  );
  return (
    <ComboBox
      className="field time-zone-field"
      name="timeZone"
      defaultItems={zones}
      selectedKey={props.value}
      onSelectionChange={(key) => {
        if (key !== null) props.onChange(String(key));
      }}
      isInvalid={Boolean(props.errors.timeZone)}
      validationBehavior="aria"
      menuTrigger="focus"
    >
      <Label>{t("services.timeZone")}</Label>
      <div className="combo">
        <Input />
        <Button className="combo-button">
          <span className="chevron" />
        </Button>
      </div>
      <Text slot="description">{t("services.timeZoneHelp")}</Text>
      <FieldError>{props.errors.timeZone}</FieldError>
      <Popover className="popover">
        <ListBox
          className="options"
          renderEmptyState={() => <p className="options-empty">{t("services.noTimeZone")}</p>}
        >
          {(zone: { id: string }) => (
            <ListBoxItem id={zone.id} className="option" textValue={zone.id}>
              {zone.id.replaceAll("_", " ")}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
