import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Menu, MenuItem, MenuTrigger, Popover } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ChatSummary } from "../../shared/chat";
import { fetchTransferTargets } from "./api";
import { useLeaveGuard } from "./info/LeaveGuard";
import { useWorkspaceContext } from "./workspace";

/** Hands the chat to a colleague who is online now, each shown with their load (chats / limit). Disabled once the customer has left: there
 *  is nobody for a colleague to answer. */
export function TransferMenu({ chat, disabled }: { chat: ChatSummary; disabled: boolean }) {
  const { t } = useTranslation();
  const { act } = useWorkspaceContext();
  const confirmLeave = useLeaveGuard();
  // Asked as the operator reaches for the button, and again as the menu opens, so the list
  // shows who is online at that moment.
  const [wanted, setWanted] = useState(false);
  const targets = useQuery({
    queryKey: ["transfer-targets", chat.id],
    queryFn: () => fetchTransferTargets(chat.id),
    enabled: wanted,
    staleTime: 0,
  });
  const operators = targets.data?.operators ?? [];

  return (
    <MenuTrigger
      onOpenChange={(open) => {
        // Asked again at every opening (the hover's answer may be from before a colleague came
        // online): the list is who is online when the operator looks at it.
        if (open) void targets.refetch();
      }}
    >
      <Button
        className="menu-button"
        isDisabled={disabled}
        onFocus={() => setWanted(true)}
        onHoverStart={() => setWanted(true)}
      >
        {t("chat.transfer")}
        <span className="chevron" aria-hidden />
      </Button>
      <Popover className="popover transfer-popover" placement="bottom end">
        <Menu
          className="options"
          aria-label={t("chat.transfer")}
          items={operators}
          onAction={async (operatorId) => {
            // The chat leaves this workspace: unsaved info is asked about first.
            if (await confirmLeave(chat.id)) {
              act({ type: "chat.transfer", chatId: chat.id, operatorId: String(operatorId) });
            }
          }}
          renderEmptyState={() => (
            <p className="options-empty">
              {targets.isError
                ? t("chat.transferFailed")
                : targets.isSuccess
                  ? t("chat.transferNone")
                  : t("app.loading")}
            </p>
          )}
        >
          {(operator) => (
            <MenuItem id={operator.id} className="option transfer-target" textValue={operator.name}>
              <span>{operator.name}</span>
              <span className="load">
                {t("chat.transferLoad", { chats: operator.chats, limit: operator.chatLimit })}
              </span>
            </MenuItem>
          )}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
