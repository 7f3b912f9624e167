import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../../shared/http";
import type { TicketDetail } from "../../shared/tickets";
import { NotFoundScreen } from "../app/NotFoundScreen";
import { useTicket } from "./api";
import { FormContent } from "./FormContent";
import { History } from "./History";
import { Notes } from "./Notes";
import { SubjectHeading } from "./SubjectHeading";
import { TicketFields } from "./TicketFields";
import { TicketTranscript } from "./TicketTranscript";
import "./tickets.css";
import { loadFailedKey } from "../app/load-failed";

/** A ticket's page: its subject, its fields beside, and tabs for the notes with the history and
 *  for where it came from (the chat's transcript, or what the inquiry form said). */
export function TicketScreen() {
  const { t } = useTranslation();
  const { ticketId = "" } = useParams();
  const answer = useTicket(ticketId);
  if (answer.isPending) return <p className="centered muted">{t("app.loading")}</p>;
  if (answer.isError) {
    const missing = answer.error instanceof ApiError && answer.error.code === "ticket_not_found";
    if (
      missing ||
      (answer.error instanceof ApiError && answer.error.code === "validation_failed")
    ) {
      return <NotFoundScreen />;
    }
    return (
      <p role="alert" className="centered problem">
        {t(loadFailedKey(answer.error))}
      </p>
    );
  }
  return <TicketPage ticket={answer.data.ticket} />;
}

function TicketPage({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const closed = ticket.status === "closed";
  return (
    <article className="ticket-page" aria-labelledby="ticket-subject">
      <Link to="/tickets" className="back-link">
        {t("tickets.back")}
      </Link>
      <SubjectHeading ticket={ticket} />
      {closed && (
        <p className="ticket-closed-notice" role="note">
          {t("tickets.closedNotice")}
        </p>
      )}
      <div className="ticket-body">
        <Tabs className="ticket-tabs">
          <TabList aria-label={t("tickets.sections")} className="ticket-tab-list">
            <Tab id="activity" className="ticket-tab">
              {t("tickets.activity")}
            </Tab>
            <Tab id="origin" className="ticket-tab">
              {ticket.channel === "chat" ? t("tickets.chatHistory") : t("tickets.formContent")}
            </Tab>
          </TabList>
          <TabPanel id="activity" className="ticket-panel">
            <Notes ticket={ticket} />
            <History ticket={ticket} />
          </TabPanel>
          <TabPanel id="origin" className="ticket-panel">
            {ticket.form ? (
              <FormContent form={ticket.form} />
            ) : (
              <TicketTranscript ticket={ticket} />
            )}
          </TabPanel>
        </Tabs>
        <TicketFields ticket={ticket} />
      </div>
    </article>
  );
}
