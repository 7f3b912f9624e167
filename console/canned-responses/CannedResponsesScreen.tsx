/** A service's canned responses: the list by shortcut, and adding, changing and deleting them. */
import "./canned-responses.css";
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import type { CannedResponse } from "../../shared/canned-responses";
import { ConfirmDialog } from "../app/ConfirmDialog";
import { useServerErrors } from "../app/forms";
import { loadFailedKey } from "../app/load-failed";
import { useCannedResponses, useDeleteCannedResponse } from "./api";
import { CannedResponseDialog } from "./CannedResponseDialog";

type Open =
  | { kind: "edit"; cannedResponse: CannedResponse | null }
  | {
      kind: "delete";
      cannedResponse: CannedResponse;
    }
  | null;

export function CannedResponsesScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const list = useCannedResponses(service.id);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  return (
    <section className="admin-screen" aria-labelledby="canned-title">
      <div className="screen-head">
        <h2 id="canned-title">{t("cannedResponses.title")}</h2>
        <Button className="primary" onPress={() => setOpen({ kind: "edit", cannedResponse: null })}>
          {t("cannedResponses.add")}
        </Button>
      </div>
      <p className="lead">{t("cannedResponses.lead", { service: service.name })}</p>
      {list.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : list.isError ? (
        <p role="alert" className="problem">
          {t(loadFailedKey(list.error))}
        </p>
      ) : list.data.cannedResponses.length === 0 ? (
        <p className="empty-state">{t("cannedResponses.empty")}</p>
      ) : (
        <ul className="canned-list">
          {list.data.cannedResponses.map((item) => (
            <li key={item.id}>
              <div className="canned-head">
                <code className="shortcut">{item.shortcut}</code>
                <span className="canned-title">{item.title}</span>
                <span className="canned-languages">
                  {item.texts.map((text) => (
                    <span
                      key={text.language}
                      className="tag"
                      title={t(`app.languageName.${text.language}`)}
                    >
                      {text.language.toUpperCase()}
                    </span>
                  ))}
                </span>
              </div>
              <p className="canned-text" lang={item.texts[0]?.language}>
                {item.texts[0]?.text}
              </p>
              <div className="canned-actions">
                <Button onPress={() => setOpen({ kind: "edit", cannedResponse: item })}>
                  {t("cannedResponses.edit")}
                </Button>
                <Button
                  className="danger-link"
                  onPress={() => setOpen({ kind: "delete", cannedResponse: item })}
                >
                  {t("cannedResponses.delete")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {open?.kind === "edit" && (
        <CannedResponseDialog
          service={service}
          cannedResponse={open.cannedResponse}
          onClose={close}
        />
      )}
      {open?.kind === "delete" && (
        <DeleteCannedResponse
          service={service}
          cannedResponse={open.cannedResponse}
          onClose={close}
        />
      )}
    </section>
  );
}

function DeleteCannedResponse(props: {
  service: ServiceSummary;
  cannedResponse: CannedResponse;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteCannedResponse(props.service.id);
  const names = { shortcut: props.cannedResponse.shortcut };
  return (
    <ConfirmDialog
      title={t("cannedResponses.deleteTitle", names)}
      text={t("cannedResponses.deleteText")}
      confirm={t("cannedResponses.delete")}
      pending={remove.isPending}
      problem={useServerErrors(remove.error).form}
      onConfirm={() => remove.mutate(props.cannedResponse.id, { onSuccess: props.onClose })}
      onClose={props.onClose}
    />
  );
}
