/** The help center's introduction, the text at the top of its home page, a tab per language. */
import { type FormEvent, useState } from "react";
import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import type { Language } from "../../shared/domain";
import { type Introduction, MAX_INTRODUCTION_LENGTH } from "../../shared/help-center";
import { SaveBar, TextInput, useServerErrors } from "../app/forms";
import { useSaveIntroduction } from "./api";
import { serviceLanguages } from "./languages";

const draftOf = (languages: Language[], introduction: Introduction) =>
  Object.fromEntries(
    languages.map((language) => [language, introduction[language] ?? ""]),
  ) as Record<Language, string>;

export function IntroductionForm(props: { service: ServiceSummary; introduction: Introduction }) {
  const { t } = useTranslation();
  const order = serviceLanguages(props.service);
  const [saved, setSaved] = useState(() => draftOf(order, props.introduction));
  const [draft, setDraft] = useState(saved);
  const save = useSaveIntroduction(props.service.id);
  const errors = useServerErrors(save.error);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(draft, {
      onSuccess: ({ introduction }) => {
        const stored = draftOf(order, introduction);
        setSaved(stored);
        setDraft(stored);
      },
    });
  }

  return (
    <form className="faq-introduction" onSubmit={submit}>
      <h3>{t("helpCenter.introduction")}</h3>
      <p className="field-description">{t("helpCenter.introductionHelp")}</p>
      <Tabs className="language-tabs">
        <TabList aria-label={t("services.languages")}>
          {order.map((language) => (
            <Tab key={language} id={language} className="language-tab">
              {t(`app.languageName.${language}`)}
              {errors.fields[`introduction.${language}`] && (
                <span className="problem-mark" role="img" aria-label={t("services.hasError")}>
                  !
                </span>
              )}
            </Tab>
          ))}
        </TabList>
        {order.map((language) => (
          <TabPanel key={language} id={language} className="language-panel">
            <TextInput
              name={`introduction.${language}`}
              label={t("helpCenter.introductionIn", {
                language: t(`app.languageName.${language}`),
              })}
              description={t("helpCenter.markdownHelp")}
              value={draft[language]}
              onChange={(text) => setDraft({ ...draft, [language]: text })}
              multiline
              lang={language}
              maxLength={MAX_INTRODUCTION_LENGTH}
              errors={errors.fields}
            />
          </TabPanel>
        ))}
      </Tabs>
      <SaveBar
        dirty={dirty}
        saving={save.isPending}
        saved={save.isSuccess}
        formError={errors.form}
      />
    </form>
  );
}
