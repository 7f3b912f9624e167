/** The form for a new FAQ entry or a change of one: a question and an answer in a tab per
 *  language the service speaks (the default language first), and whether customers see it. */
import { useState } from "react";
import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import type { Language } from "../../shared/domain";
import {
  type FaqEntry,
  type FaqTexts,
  MAX_FAQ_ANSWER_LENGTH,
  MAX_FAQ_TITLE_LENGTH,
} from "../../shared/help-center";
import { FormDialog } from "../app/FormDialog";
import { TextInput, Toggle, useServerErrors } from "../app/forms";
import { useSaveFaqEntry } from "./api";
import { serviceLanguages } from "./languages";

type Draft = Record<Language, { title: string; answer: string }>;

export function FaqEntryDialog(props: {
  service: ServiceSummary;
  /** The one to change; none: a new one. */
  faqEntry: FaqEntry | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { service, faqEntry: existing } = props;
  const save = useSaveFaqEntry(service.id);
  const order = serviceLanguages(service);
  const [published, setPublished] = useState(existing?.published ?? true);
  const [texts, setTexts] = useState<Draft>(() => {
    const draft: Draft = { ja: blank(), en: blank(), ko: blank() };
    for (const language of order) draft[language] = { ...blank(), ...existing?.texts[language] };
    return draft;
  });
  const [tab, setTab] = useState<Language>(service.defaultLanguage);
  // A new form says what is missing only once Save was tried, not before anything was typed.
  const [tried, setTried] = useState(Boolean(existing));
  const errors = useServerErrors(save.error);
  const fields = { ...errors.fields, ...(tried ? missing(order, texts, service, t) : {}) };
  const failing = (language: Language) =>
    Object.keys(fields).some((field) => field.startsWith(`texts.${language}.`));

  function submit() {
    setTried(true);
    const problems = missing(order, texts, service, t);
    const [first] = Object.keys(problems);
    if (first) {
      setTab(first.split(".")[1] as Language);
      return;
    }
    const body: FaqTexts = {};
    for (const language of order) {
      const title = texts[language].title.trim();
      const answer = texts[language].answer.trim();
      if (title || answer) body[language] = { title, answer };
    }
    save.mutate(
      { id: existing?.id ?? null, body: { published, texts: body } },
      {
        onSuccess: props.onClose,
        // The server names the field it refused: show the tab it is in.
        onError: (error) => {
          const field = (error as { field?: string }).field?.split(".");
          if (field?.[1] === "texts" && order.includes(field[2] as Language)) {
            setTab(field[2] as Language);
          }
        },
      },
    );
  }

  const update = (language: Language, part: "title" | "answer", value: string) =>
    setTexts({ ...texts, [language]: { ...texts[language], [part]: value } });

  return (
    <FormDialog
      title={existing ? t("helpCenter.editTitle") : t("helpCenter.createTitle")}
      submitLabel={existing ? t("helpCenter.save") : t("helpCenter.create")}
      pending={save.isPending}
      problem={errors.form}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Tabs
        className="language-tabs"
        selectedKey={tab}
        onSelectionChange={(key) => setTab(key as Language)}
      >
        <TabList aria-label={t("services.languages")}>
          {order.map((language) => (
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
        {order.map((language) => (
          <TabPanel key={language} id={language} className="language-panel">
            <TextInput
              name={`texts.${language}.title`}
              label={t("helpCenter.question")}
              value={texts[language].title}
              onChange={(value) => update(language, "title", value)}
              maxLength={MAX_FAQ_TITLE_LENGTH}
              lang={language}
              errors={fields}
            />
            <TextInput
              name={`texts.${language}.answer`}
              label={t("helpCenter.answer")}
              description={t("helpCenter.markdownHelp")}
              value={texts[language].answer}
              onChange={(value) => update(language, "answer", value)}
              multiline
              maxLength={MAX_FAQ_ANSWER_LENGTH}
              lang={language}
              errors={fields}
            />
            {language !== service.defaultLanguage && (
              <p className="field-description">{t("helpCenter.otherLanguageHelp")}</p>
            )}
          </TabPanel>
        ))}
      </Tabs>
      <Toggle
        label={t("helpCenter.published")}
        description={t("helpCenter.publishedHelp")}
        isSelected={published}
        onChange={setPublished}
      />
    </FormDialog>
  );
}

const blank = () => ({ title: "", answer: "" });

/** What the client can tell is missing: the default language's question and answer, and the
 *  other half of any language half written. */
function missing(
  order: Language[],
  texts: Draft,
  service: ServiceSummary,
  t: (key: "fieldError.required") => string,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const language of order) {
    const title = texts[language].title.trim();
    const answer = texts[language].answer.trim();
    const needed = language === service.defaultLanguage || title !== "" || answer !== "";
    if (needed && title === "") problems[`texts.${language}.title`] = t("fieldError.required");
    if (needed && answer === "") problems[`texts.${language}.answer`] = t("fieldError.required");
  }
  return problems;
}
