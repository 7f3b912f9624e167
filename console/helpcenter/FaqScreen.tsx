/** Help center → FAQ: the introduction per language, and the questions customers read, in the
 *  order they read them (moved by buttons, so by keyboard too), each published or not. */
import "./helpcenter.css";
import { useEffect, useRef, useState } from "react";
import { Button, Switch } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import type { FaqEntry } from "../../shared/help-center";
import { ConfirmButton } from "../app/ConfirmButton";
import { useServerErrors } from "../app/forms";
import { loadFailedKey } from "../app/load-failed";
import { ArchivedNotice } from "../services/ArchivedNotice";
import { useDeleteFaqEntry, useHelpCenter, useMoveFaqEntry, useSaveFaqEntry } from "./api";
import { FaqEntryDialog } from "./FaqEntryDialog";
import { IntroductionForm } from "./IntroductionForm";

export function FaqScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const helpCenter = useHelpCenter(service.id);
  // undefined: no dialog; null: a new entry.
  const [editing, setEditing] = useState<FaqEntry | null | undefined>(undefined);

  return (
    <section className="admin-screen faq-screen" aria-labelledby="faq-title">
      <div className="screen-head">
        <h2 id="faq-title">{t("helpCenter.title")}</h2>
        <a className="button" href={service.helpCenterUrl} target="_blank" rel="noreferrer">
          {t("helpCenter.open")}
        </a>
      </div>
      <p className="lead">{t("helpCenter.lead", { service: service.name })}</p>
      <ArchivedNotice service={service} />
      {helpCenter.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : helpCenter.isError ? (
        <p role="alert" className="problem">
          {t(loadFailedKey(helpCenter.error))}
        </p>
      ) : (
        <>
          <IntroductionForm
            service={service}
            introduction={helpCenter.data.helpCenter.introduction}
          />
          <section className="faq-questions" aria-labelledby="faq-questions">
            <div className="screen-head">
              <h3 id="faq-questions">{t("helpCenter.questions")}</h3>
              <Button className="primary" onPress={() => setEditing(null)}>
                {t("helpCenter.add")}
              </Button>
            </div>
            <FaqList
              service={service}
              entries={helpCenter.data.helpCenter.faqEntries}
              onEdit={setEditing}
            />
          </section>
        </>
      )}
      {editing !== undefined && (
        <FaqEntryDialog
          service={service}
          faqEntry={editing}
          onClose={() => setEditing(undefined)}
        />
      )}
    </section>
  );
}

function FaqList(props: {
  service: ServiceSummary;
  entries: FaqEntry[];
  onEdit: (entry: FaqEntry) => void;
}) {
  const { t } = useTranslation();
  const { service, entries } = props;
  const move = useMoveFaqEntry(service.id);
  const save = useSaveFaqEntry(service.id);
  const remove = useDeleteFaqEntry(service.id);
  const problems = [
    useServerErrors(move.error).form,
    useServerErrors(save.error).form,
    useServerErrors(remove.error).form,
  ];
  const problem = problems.find(Boolean);

  const moved = useRef<{ id: string; direction: "up" | "down" } | null>(null);
  useEffect(() => {
    const target = moved.current;
    // Only once the list has the entry (a move refreshes it).
    if (!target || !entries.some((entry) => entry.id === target.id)) return;
    const buttons = [
      ...document.querySelectorAll<HTMLButtonElement>(
        `[data-faq-entry="${target.id}"] .faq-move button`,
      ),
    ];
    const pressed = buttons.find((button) => button.dataset.move === target.direction);
    const focusable = pressed && !pressed.disabled ? pressed : buttons.find((b) => !b.disabled);
    if (focusable) {
      focusable.focus();
      moved.current = null;
    }
  }, [entries]);

  if (entries.length === 0) return <p className="empty-state">{t("helpCenter.empty")}</p>;

  /** Moves the entry; once the list shows it in its new place, the keyboard goes back to the
   *  button pressed (or, at an end, the other one). */
  function moveBy(entry: FaqEntry, step: -1 | 1) {
    if (move.isPending) return;
    moved.current = { id: entry.id, direction: step < 0 ? "up" : "down" };
    move.mutate({ id: entry.id, position: entry.position + step });
  }

  return (
    <>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      <ol className="faq-list">
        {entries.map((entry, index) => {
          const language = entry.texts[service.defaultLanguage]
            ? service.defaultLanguage
            : service.languages.find((candidate) => entry.texts[candidate]);
          const title = language ? entry.texts[language]?.title : "";
          const written = service.languages.filter((candidate) => entry.texts[candidate]);
          return (
            <li key={entry.id} data-faq-entry={entry.id}>
              <span className="faq-number" aria-hidden>
                {index + 1}
              </span>
              <div className="faq-main">
                <span className="faq-title" lang={language}>
                  {title}
                </span>
                <span className="faq-languages">
                  {written.map((code) => (
                    <span key={code} className="tag" title={t(`app.languageName.${code}`)}>
                      {code.toUpperCase()}
                    </span>
                  ))}
                  {!entry.published && <span className="tag draft">{t("helpCenter.draft")}</span>}
                </span>
              </div>
              <div className="faq-actions">
                <Switch
                  className="switch"
                  isSelected={entry.published}
                  isDisabled={save.isPending}
                  onChange={(published) =>
                    save.mutate({ id: entry.id, body: { published, texts: entry.texts } })
                  }
                >
                  <span className="switch-track" aria-hidden>
                    <span className="switch-thumb" />
                  </span>
                  {t("helpCenter.published")}
                </Switch>
                <span className="faq-move">
                  <Button
                    data-move="up"
                    aria-label={t("helpCenter.moveUp", { title })}
                    isDisabled={index === 0}
                    onPress={() => moveBy(entry, -1)}
                  >
                    <Arrow up />
                  </Button>
                  <Button
                    data-move="down"
                    aria-label={t("helpCenter.moveDown", { title })}
                    isDisabled={index === entries.length - 1}
                    onPress={() => moveBy(entry, 1)}
                  >
                    <Arrow />
                  </Button>
                </span>
                <Button onPress={() => props.onEdit(entry)}>{t("helpCenter.edit")}</Button>
                <ConfirmButton
                  className="danger-link"
                  label={t("helpCenter.delete")}
                  title={t("helpCenter.deleteTitle", { title })}
                  text={t("helpCenter.deleteText")}
                  cancel={t("chat.cancel")}
                  onConfirm={() => remove.mutate(entry.id)}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

const Arrow = ({ up = false }: { up?: boolean }) => (
  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <path
      d={up ? "M8 3v10M3.5 7.5 8 3l4.5 4.5" : "M8 13V3M3.5 8.5 8 13l4.5-4.5"}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);
