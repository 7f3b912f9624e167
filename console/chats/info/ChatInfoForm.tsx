/**
 * Customer info and inquiry info of one chat, edited and saved together (PRODUCT.md, 保存). It
 * takes a chat and says when it saved, so the live workspace and chat history both use it. What
 * is typed goes to a draft in this browser at once; Save stores it, checked against the versions
 * it was edited from, and a colleague's newer save is shown to choose from, never overwritten.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChatSummary } from "../../../shared/chat";
import { ApiError } from "../../../shared/http";
import {
  MAX_CUSTOMER_EMAIL_LENGTH,
  MAX_CUSTOMER_NAME_LENGTH,
  MAX_CUSTOMER_NOTES_LENGTH,
} from "../../../shared/limits";
import { SaveBar, TextInput, useServerErrors } from "../../app/forms";
import { useFormats } from "../../i18n/formats";
import { infoBody, saveChatInfo, useServiceOf } from "./api";
import { ConflictNotice } from "./ConflictNotice";
import { describeDevice } from "./device";
import {
  type InfoDraft,
  type InfoValues,
  infoDrafts,
  infoSavers,
  sameValues,
  savedValues,
  useInfoDraft,
} from "./drafts";
import { ProcessingTypeChoice, useTypeTrail } from "./ProcessingTypeChoice";

type Versions = Pick<InfoDraft, "customerVersion" | "chatVersion">;

export function ChatInfoForm({
  chat,
  onSaved,
}: {
  chat: ChatSummary;
  /** The chat as the server saved it (or as a colleague left it, when the operator takes theirs). */
  onSaved: (chat: ChatSummary) => void;
}) {
  const { t } = useTranslation();
  const formats = useFormats();
  const draft = useInfoDraft(chat.id);
  const saved = savedValues(chat);
  const values = draft?.values ?? saved;
  const [theirs, setTheirs] = useState<ChatSummary | null>(null);
  const save = useMutation({
    mutationFn: (versions: Versions) =>
      saveChatInfo(chat.id, infoBody(infoDrafts.get(chat.id) as InfoDraft, versions)),
  });
  const conflicted = save.error instanceof ApiError && save.error.code === "edit_conflict";
  const errors = useServerErrors(conflicted ? null : save.error);
  const service = useServiceOf(chat.serviceId);
  const defaultLanguage = service?.defaultLanguage ?? chat.language;
  const typeTrail = useTypeTrail(chat.serviceId, defaultLanguage);

  function change(patch: Partial<InfoValues>) {
    const next = { ...values, ...patch };
    const base = draft ?? { customerVersion: chat.customer.version, chatVersion: chat.version };
    const current =
      base.customerVersion === chat.customer.version && base.chatVersion === chat.version;
    if (current && sameValues(next, saved)) infoDrafts.drop(chat.id);
    else infoDrafts.set(chat.id, { ...base, values: next });
  }

  /** Saves the draft based on the given versions (its own by default); true when saved. */
  async function submit(versions?: Versions): Promise<boolean> {
    const held = infoDrafts.get(chat.id);
    if (!held) return true;
    try {
      const result = await save.mutateAsync(versions ?? held);
      infoDrafts.drop(chat.id);
      setTheirs(null);
      onSaved(result.chat);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === "edit_conflict") {
        setTheirs(error.current as ChatSummary);
      }
      return false;
    }
  }

  // The guard's "Save" saves this form; leaving the chat takes it away.
  useEffect(() => {
    infoSavers.set(chat.id, () => submit());
    return () => {
      infoSavers.delete(chat.id);
    };
  });

  function keepMine() {
    if (!theirs || !draft) return;
    const versions = { customerVersion: theirs.customer.version, chatVersion: theirs.version };
    // Based on their version from now on, also in the kept draft.
    infoDrafts.set(chat.id, { ...draft, ...versions });
    submit(versions);
  }

  function takeTheirs() {
    if (!theirs) return;
    infoDrafts.drop(chat.id);
    save.reset();
    setTheirs(null);
    onSaved(theirs);
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <form className="chat-info" aria-label={t("info.title")} onSubmit={onSubmit} noValidate>
      <div className="sections">
        {theirs && draft && (
          <ConflictNotice
            theirs={theirs}
            mine={draft.values}
            typeTrail={typeTrail}
            onKeepMine={keepMine}
            onTakeTheirs={takeTheirs}
            saving={save.isPending}
          />
        )}
        <section aria-labelledby={`customer-${chat.id}`}>
          <h2 id={`customer-${chat.id}`}>{t("info.customer")}</h2>
          <TextInput
            name="customer.name"
            label={t("info.name")}
            value={values.name}
            onChange={(name) => change({ name })}
            maxLength={MAX_CUSTOMER_NAME_LENGTH}
            autoComplete="off"
            errors={errors.fields}
          />
          <TextInput
            name="customer.email"
            label={t("info.email")}
            type="email"
            value={values.email}
            onChange={(email) => change({ email })}
            maxLength={MAX_CUSTOMER_EMAIL_LENGTH}
            autoComplete="off"
            errors={errors.fields}
          />
          <TextInput
            name="customer.notes"
            label={t("info.notes")}
            multiline
            value={values.notes}
            onChange={(notes) => change({ notes })}
            maxLength={MAX_CUSTOMER_NOTES_LENGTH}
            errors={errors.fields}
          />
          <dl className="info-facts">
            <Fact label={t("info.ip")}>{chat.ipAddress}</Fact>
            <Fact label={t("info.device")}>{describeDevice(chat.device, t)}</Fact>
          </dl>
        </section>
        <section aria-labelledby={`inquiry-${chat.id}`}>
          <h2 id={`inquiry-${chat.id}`}>{t("info.inquiry")}</h2>
          <dl className="info-facts">
            <Fact label={t("info.channel")}>
              <Channel chat={chat} />
            </Fact>
            <Fact label={t("info.service")}>{chat.serviceName}</Fact>
            <Fact label={t("info.requestedAt")}>{formats.dateTime(chat.requestedAt)}</Fact>
          </dl>
          <ProcessingTypeChoice
            serviceId={chat.serviceId}
            defaultLanguage={defaultLanguage}
            value={values.processingTypeId}
            kept={chat.processingTypeId}
            onChange={(processingTypeId) => change({ processingTypeId })}
            error={errors.fields["inquiry.processingTypeId"]}
          />
        </section>
      </div>
      <SaveBar
        dirty={draft !== null}
        saving={save.isPending}
        saved={save.isSuccess}
        formError={conflicted ? null : errors.form}
      />
    </form>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children || t("info.none")}</dd>
    </div>
  );
}

/** The channel in words, and under it the page that carried the widget, on one line however
 *  long (the whole address in its title). */
function Channel({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`channel.${chat.channel}`)}
      {chat.pageUrl && (
        <span className="page-url" title={chat.pageUrl}>
          {chat.pageUrl}
        </span>
      )}
    </>
  );
}
