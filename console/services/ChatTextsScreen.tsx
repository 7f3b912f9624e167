import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary, ServiceText } from "../../shared/api";
import type { Language } from "../../shared/languages";
import { type FieldErrors, SaveBar, TextInput } from "../app/forms";
import { useServiceForm } from "./useServiceForm";

type Texts = Record<
  string,
  Omit<ServiceText, "language" | "privacyPolicyUrl"> & { privacyPolicyUrl: string }
>;

const textsOf = (service: ServiceSummary): Texts =>
  Object.fromEntries(
    service.texts.map(({ language, privacyPolicyUrl, ...text }) => [
      language,
      { ...text, privacyPolicyUrl: privacyPolicyUrl ?? "" },
    ]),
  );

/** Chat → basic settings: greeting, satisfaction message, consent text and privacy link, one tab
 *  per language the service speaks, saved together. */
export function ChatTextsScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const form = useServiceForm({
    service,
    fields: textsOf,
    method: "PUT",
    path: "/texts",
    body: (draft) => ({
      texts: Object.fromEntries(
        Object.entries(draft).map(([language, text]) => [
          language,
          { ...text, privacyPolicyUrl: text.privacyPolicyUrl.trim() || null },
        ]),
      ),
    }),
  });
  const failing = (language: string) =>
    Object.keys(form.errors.fields).some((field) => field.startsWith(`texts.${language}`));
  return (
    <form className="admin-screen" onSubmit={form.submit}>
      <h2>{t("services.chatTexts")}</h2>
      <p className="lead">{t("services.chatTextsLead")}</p>
      <Tabs className="language-tabs">
        <TabList aria-label={t("services.languages")}>
          {service.languages.map((language) => (
            <Tab key={language} id={language} className="language-tab">
              {t(`app.languageName.${language}`)}
              {language === service.defaultLanguage && (
                <span className="tag">{t("services.defaultMark")}</span>
              )}
              {failing(language) && (
                <span className="problem-mark" role="img" aria-label={t("services.hasError")}>
                  !
                </span>
              )}
            </Tab>
          ))}
        </TabList>
        {service.languages.map((language) => (
          <TabPanel key={language} id={language} className="language-panel">
            <LanguageTexts
              language={language}
              text={form.draft[language]}
              errors={form.errors.fields}
              onChange={(text) => form.update({ [language]: text })}
            />
          </TabPanel>
        ))}
      </Tabs>
      <SaveBar {...form.saveBar} />
    </form>
  );
}

function LanguageTexts(props: {
  language: Language;
  text: Texts[string] | undefined;
  errors: FieldErrors;
  onChange: (text: Texts[string]) => void;
}) {
  const { t } = useTranslation();
  const { language, text, errors } = props;
  if (!text) return null;
  const field = (name: keyof Texts[string]) => ({
    name: `texts.${language}.${name}`,
    value: text[name],
    onChange: (value: string) => props.onChange({ ...text, [name]: value }),
    errors,
    lang: language,
  });
  return (
    <>
      <TextInput
        {...field("greeting")}
        label={t("services.greeting")}
        description={t("services.greetingHelp")}
        maxLength={1000}
        multiline
      />
      <TextInput
        {...field("satisfactionMessage")}
        label={t("services.satisfactionMessage")}
        description={t("services.satisfactionHelp")}
        maxLength={1000}
        multiline
      />
      <TextInput
        {...field("consentText")}
        label={t("services.consentText")}
        description={t("services.consentHelp")}
        maxLength={2000}
        multiline
      />
      <TextInput
        {...field("privacyPolicyUrl")}
        label={t("services.privacyPolicyUrl")}
        description={t("services.privacyHelp")}
        type="url"
        maxLength={2048}
      />
    </>
  );
}
