/** Personal-data masking in a chat's record (issue 13): text selected in a message, or a likely
 *  card number, phone number or email address the customer wrote, is masked after a
 *  confirmation (it cannot be undone). */

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageResponse } from "../../shared/api";
import type { Message } from "../../shared/chat";
import { ApiError, requestJson } from "../../shared/http";
import { findPersonalData, type PersonalDataMatch, type TextRange } from "../../shared/masking";
import { ConfirmButton } from "../app/ConfirmButton";

/** The attribute that marks a maskable message's text in a transcript. */
export const MASKABLE = "data-mask-message";

interface Target extends TextRange {
  messageId: string;
  text: string;
}

function useMask(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: Target) =>
      requestJson<MessageResponse>(`/api/messages/${target.messageId}/mask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ start: target.start, end: target.end }),
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ["history-chat", chatId] });
      queryClient.invalidateQueries({ queryKey: ["history"] });
    },
  });
}

/** What is selected inside one maskable message's text, in UTF-16 code units of that text. */
function useSelectedText(): [Target | null, () => void] {
  const [target, setTarget] = useState<Target | null>(null);
  useEffect(() => {
    const changed = () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
      const range = selection.getRangeAt(0);
      const element = (node: Node) =>
        (node instanceof Element ? node : node.parentElement)?.closest(`[${MASKABLE}]`);
      const body = element(range.startContainer);
      if (!body || body !== element(range.endContainer)) return;
      const before = document.createRange();
      before.selectNodeContents(body);
      before.setEnd(range.startContainer, range.startOffset);
      const start = before.toString().length;
      const text = range.toString();
      if (text.trim() === "") return;
      setTarget({
        messageId: body.getAttribute(MASKABLE) ?? "",
        start,
        end: start + text.length,
        text,
      });
    };
    document.addEventListener("selectionchange", changed);
    return () => document.removeEventListener("selectionchange", changed);
  }, []);
  return [target, () => setTarget(null)];
}

export function MaskTools({ chatId, messages }: { chatId: string; messages: readonly Message[] }) {
  const { t } = useTranslation();
  const mask = useMask(chatId);
  const [selected, forget] = useSelectedText();
  // A selection in a message that is gone or changed since (masked) is stale.
  const current = selected && messages.find((message) => message.id === selected.messageId);
  const target =
    selected && current?.body.slice(selected.start, selected.end) === selected.text
      ? selected
      : null;
  const suggestions = useMemo(
    () =>
      messages
        .filter((message) => message.author === "customer")
        .flatMap((message) =>
          findPersonalData(message.body).map((match) => ({ ...match, messageId: message.id })),
        ),
    [messages],
  );
  const run = (chosen: Target) =>
    mask.mutate(chosen, {
      onSuccess: () => {
        forget();
        document.getSelection()?.removeAllRanges();
      },
    });

  return (
    <section className="masking" aria-labelledby="masking-title">
      <h3 id="masking-title">{t("masking.title")}</h3>
      <div className="masking-selection">
        <p className={target ? "masking-selected" : "muted"}>
          {target ? t("masking.selected", { text: target.text }) : t("masking.hint")}
        </p>
        <ConfirmButton
          label={t("masking.maskSelected")}
          title={t("masking.confirmTitle")}
          text={t("masking.confirmText", { text: target?.text ?? "" })}
          cancel={t("masking.cancel")}
          confirmClassName="danger"
          isDisabled={!target || mask.isPending}
          onConfirm={() => target && run(target)}
        />
      </div>
      {mask.isError && (
        <p role="alert" className="problem">
          {problemOf(mask.error, t)}
        </p>
      )}
      {mask.isSuccess && !mask.isPending && (
        <p role="status" className="muted">
          {t("masking.masked")}
        </p>
      )}
      <h4>{t("masking.suggestions")}</h4>
      {suggestions.length === 0 ? (
        <p className="muted">{t("masking.noSuggestions")}</p>
      ) : (
        <ul className="masking-suggestions">
          {suggestions.map((suggestion) => (
            <Suggestion
              key={`${suggestion.messageId}:${suggestion.start}`}
              suggestion={suggestion}
              isDisabled={mask.isPending}
              onMask={() => run(suggestion)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Suggestion(props: {
  suggestion: PersonalDataMatch & { messageId: string };
  isDisabled: boolean;
  onMask: () => void;
}) {
  const { t } = useTranslation();
  const { suggestion } = props;
  return (
    <li>
      <span className="masking-kind">{t(`masking.kind.${suggestion.kind}`)}</span>
      <span className="masking-text">{suggestion.text}</span>
      <ConfirmButton
        label={t("masking.mask")}
        title={t("masking.confirmTitle")}
        text={t("masking.confirmText", { text: suggestion.text })}
        cancel={t("masking.cancel")}
        isDisabled={props.isDisabled}
        onConfirm={props.onMask}
      />
    </li>
  );
}

type T = TFunction;

function problemOf(error: Error, t: T): string {
  if (!(error instanceof ApiError)) return t("masking.failed");
  if (error.code === "validation_failed" && error.reason) {
    return t(`fieldError.${error.reason}`, { limit: error.limit });
  }
  if (error.code === "message_not_maskable") return t("masking.notMaskable");
  if (error.code === "message_not_found") return t("masking.gone");
  return t("masking.failed");
}
