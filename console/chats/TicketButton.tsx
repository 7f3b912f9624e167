import { useMutation } from "@tanstack/react-query";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ChatSummary } from "../../shared/chat";
import { requestJson } from "../../shared/http";
import type { TicketDetail } from "../../shared/tickets";

/** Create ticket (PRODUCT.md): the server fills it from the chat; after that, and when a colleague
 *  made one first, the chat links to its one ticket. */
export function TicketButton(props: { chat: ChatSummary; onCreated: (chat: ChatSummary) => void }) {
  const { t } = useTranslation();
  const { chat } = props;
  const create = useMutation({
    mutationFn: () =>
      requestJson<{ ticket: TicketDetail }>(`/api/chats/${chat.id}/ticket`, { method: "POST" }),
    onSuccess: ({ ticket }) =>
      props.onCreated({ ...chat, ticket: { id: ticket.id, number: ticket.number } }),
  });
  if (chat.ticket) {
    return (
      <Link className="button ticket-link" to={`/tickets/${chat.ticket.id}`}>
        {t("ticket.link", { number: chat.ticket.number })}
      </Link>
    );
  }
  return (
    <>
      <Button isDisabled={create.isPending} onPress={() => create.mutate()}>
        {create.isPending ? t("ticket.creating") : t("ticket.create")}
      </Button>
      {create.isError && (
        <span role="alert" className="problem">
          {t("ticket.failed")}
        </span>
      )}
    </>
  );
}
