import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChatSummary } from "../../shared/chat";
import { fetchTransferTargets } from "./api";
import { customerLabel } from "./customer-label";
import { useWorkspaceContext } from "./workspace";

/** The chat's title and what the operator can do with it: request a rating, transfer, end. */
export function ChatActions({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  const { act } = useWorkspaceContext();
  const [confirming, setConfirming] = useState(false);
  const customerGone = chat.state === "ended_by_customer";

  return (
    <div className="chat-actions">
      <h2>{customerLabel(chat, t)}</h2>
      <span className={`state state-${chat.state}`}>{t(`chats.${chat.state}`)}</span>
      {chat.rating !== null && (
        <span className="rating">
          {t("chat.rating", { score: chat.rating })}
          {chat.ratingComment && <> {t("chat.ratingComment", { comment: chat.ratingComment })}</>}
        </span>
      )}
      <span className="spacer" />
      <button
        type="button"
        disabled={customerGone}
        onClick={() => act({ type: "rating.request", chatId: chat.id })}
      >
        {t("chat.requestRating")}
      </button>
      <TransferSelect chat={chat} disabled={customerGone} />
      {confirming ? (
        <fieldset className="confirm">
          {t("chat.confirmEnd")}
          <button
            type="button"
            className="danger"
            onClick={() => act({ type: "chat.end", chatId: chat.id })}
          >
            {t("chat.endChat")}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t("chat.cancel")}
          </button>
        </fieldset>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t("chat.endChat")}
        </button>
      )}
    </div>
  );
}

/** Disabled once the customer has left: there is nobody for a colleague to answer. */
function TransferSelect({ chat, disabled }: { chat: ChatSummary; disabled: boolean }) {
  const { t } = useTranslation();
  const { act } = useWorkspaceContext();
  // Asked when the operator reaches for the list, so it shows who is online now.
  const [wanted, setWanted] = useState(false);
  const targets = useQuery({
    queryKey: ["transfer-targets", chat.id],
    queryFn: () => fetchTransferTargets(chat.id),
    enabled: wanted,
    staleTime: 0,
  });
  const operators = targets.data?.operators ?? [];

  return (
    <label className="transfer">
      {t("chat.transfer")}
      <select
        value=""
        disabled={disabled}
        onFocus={() => setWanted(true)}
        onPointerDown={() => setWanted(true)}
        onChange={(event) => {
          const operatorId = event.target.value;
          if (operatorId) act({ type: "chat.transfer", chatId: chat.id, operatorId });
        }}
      >
        <option value="">
          {targets.isSuccess && operators.length === 0
            ? t("chat.transferNone")
            : t("chat.transferChoose")}
        </option>
        {operators.map((operator) => (
          <option key={operator.id} value={operator.id}>
            {operator.name}
          </option>
        ))}
      </select>
    </label>
  );
}
