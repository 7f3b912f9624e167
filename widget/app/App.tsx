/**
 * The customer's way into a chat: service check, then the no-operator notice or the consent, then
 * the chat. A saved chat (storage.ts) skips straight to it, so a reload resumes the conversation.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { CustomerContact, WidgetServiceResponse } from "../../shared/api";
import type { ErrorCode } from "../../shared/errors";
import { ApiError, fetchService, startChat } from "./api";
import { ChatScreen } from "./ChatScreen";
import { Consent } from "./Consent";
import {
  channel,
  contact,
  identity,
  language,
  reportProblem,
  serviceKey,
  tellPage,
} from "./embedding";
import { Header } from "./Header";
import { InquiryForm, InquirySent } from "./InquiryForm";
import { Notice } from "./Notice";
import { forgetChat, forgetCustomer, loadCustomer, onChangeInOtherTab, saveChat } from "./storage";
import { useText } from "./text";

type Service = WidgetServiceResponse["service"];
type Screen =
  | { name: "loading" | "loadFailed" | "unavailable" | "chatOff" | "noOperator" | "logIn" }
  /** The inquiry form, with why there is no chat; then its confirmation. */
  | { name: "inquiry"; reason: string }
  | { name: "inquirySent"; reference: number | null }
  | { name: "consent"; service: Service }
  /** Outside business hours: the service's message, or the widget's own words. */
  | { name: "closed"; message: string }
  | { name: "chat"; chatId: string; customerToken: string };

async function firstScreen(): Promise<{ screen: Screen; service?: Service }> {
  try {
    const { service, operatorsAvailable, openNow, outsideHoursMessage } = await fetchService(
      serviceKey,
      language,
    );
    const { chatId, customerToken } = loadCustomer(serviceKey);
    // A login-only service's chat is for the site's logged-in users: the page names one, or the
    // customer is asked to log in there (a chat already running goes on).
    const unidentified = service.loginRequired && !identity;
    if (unidentified && !chatId) reportProblem("identity-missing");
    const screen: Screen = !service.chatEnabled
      ? { name: "chatOff" }
      : chatId && customerToken
        ? { name: "chat", chatId, customerToken }
        : !openNow
          ? { name: "closed", message: outsideHoursMessage }
          : unidentified
            ? { name: "logIn" }
            : operatorsAvailable
              ? { name: "consent", service }
              : { name: "noOperator" };
    return { screen, service };
  } catch (error) {
    // A key that names no service (a stale or mistyped embed code) will not start working.
    const code = error instanceof ApiError ? error.code : null;
    const unknown =
      code === "service_not_found" || code === "not_found" || code === "validation_failed";
    if (unknown) reportProblem("unknown-service");
    const gone = unknown || code === "service_archived";
    return { screen: { name: gone ? "unavailable" : "loadFailed" } };
  }
}

/** Starts a chat after consent, as the returning customer when we still hold their token, with
 *  what the customer typed in the pre-chat fields (else what the page prefilled). */
async function startCustomerChat(typed: CustomerContact): Promise<Screen> {
  const { customerToken } = loadCustomer(serviceKey);
  const body = {
    serviceKey,
    consent: true as const,
    channel: "widget" as const,
    pageUrl: channel,
    language,
    identity,
    customer: given({ name: typed.name ?? contact.name, email: typed.email ?? contact.email }),
  };
  let started: Awaited<ReturnType<typeof startChat>>;
  try {
    started = await startChat({ ...body, customerToken });
  } catch (error) {
    // A token the server no longer accepts (another service, a new secret): start afresh.
    if (!(customerToken && error instanceof ApiError && error.field === "body.customerToken")) {
      throw error;
    }
    forgetCustomer(serviceKey);
    started = await startChat(body);
  }
  saveChat(serviceKey, started.chat.id, started.customerToken);
  tellPage("chatStarted", { chatId: started.chat.id });
  return { name: "chat", chatId: started.chat.id, customerToken: started.customerToken };
}

function given(customer: CustomerContact): CustomerContact | undefined {
  return customer.name || customer.email ? customer : undefined;
}

export function App() {
  const text = useText();
  const [screen, setScreen] = useState<Screen>({ name: "loading" });
  const [service, setService] = useState<Service | null>(null);

  const load = useCallback(() => {
    setScreen({ name: "loading" });
    void firstScreen().then((first) => {
      if (first.service) setService(first.service);
      setScreen(first.screen);
    });
  }, []);
  useEffect(load, [load]);

  // Another tab started, resumed or left a chat: this one follows, so that all show the same.
  const shownChat = useRef<string | undefined>(undefined);
  shownChat.current = screen.name === "chat" ? screen.chatId : undefined;
  useEffect(
    () =>
      onChangeInOtherTab(serviceKey, () => {
        if (loadCustomer(serviceKey).chatId !== shownChat.current) load();
      }),
    [load],
  );

  const start = async (customer: CustomerContact) => {
    try {
      setScreen(await startCustomerChat(customer));
    } catch (error) {
      const code = error instanceof ApiError ? error.code : null;
      if (code === "no_operator_available") setScreen({ name: "noOperator" });
      else if (code === "outside_business_hours") load();
      else if (code === "chat_disabled") setScreen({ name: "chatOff" });
      else if (code === "service_archived") {
        setScreen({ name: "unavailable" });
      } else if (code === "identity_required" || code === "identity_invalid") {
        reportProblem(code === "identity_invalid" ? "identity-invalid" : "identity-missing");
        setScreen({ name: "logIn" });
      } else throw error;
    }
  };

  const newChat = useCallback(() => {
    forgetChat(serviceKey);
    load();
  }, [load]);

  const inquiry = (reason: string) => () => setScreen({ name: "inquiry", reason });
  const toInquiry = {
    label: text.leaveRequest,
    onClick: inquiry(text.noOperatorReason),
  };

  const lost = useCallback(
    (code: ErrorCode) => {
      if (code === "unauthenticated") forgetCustomer(serviceKey);
      else forgetChat(serviceKey);
      load();
    },
    [load],
  );

  return (
    <>
      <Header title={service?.name || text.title} />
      <main class="screen">
        {screen.name === "loading" && (
          <p class="loading" role="status">
            {text.loading}
          </p>
        )}
        {screen.name === "loadFailed" && (
          <Notice action={{ label: text.retry, onClick: load }}>{text.loadFailed}</Notice>
        )}
        {screen.name === "unavailable" && <Notice>{text.chatUnavailable}</Notice>}
        {screen.name === "chatOff" && (
          <Notice action={{ ...toInquiry, onClick: inquiry(text.unavailableReason) }}>
            {text.unavailableReason}
          </Notice>
        )}
        {screen.name === "noOperator" && (
          <Notice
            title={text.noOperatorTitle}
            action={toInquiry}
            secondary={{ label: text.retry, onClick: load }}
          >
            {text.noOperatorReason}
          </Notice>
        )}
        {screen.name === "closed" && (
          <Notice
            title={text.closedTitle}
            action={{ ...toInquiry, onClick: inquiry(screen.message || text.closedReason) }}
          >
            {screen.message || text.closedReason}
          </Notice>
        )}
        {screen.name === "inquiry" && (
          <InquiryForm
            reason={screen.reason}
            onSent={(reference) => setScreen({ name: "inquirySent", reference })}
          />
        )}
        {screen.name === "inquirySent" && (
          <InquirySent reference={screen.reference} onAnother={load} />
        )}
        {screen.name === "logIn" && <Notice title={text.logInTitle}>{text.logInText}</Notice>}
        {screen.name === "consent" && (
          <Consent
            onStart={start}
            consentText={screen.service.consentText}
            privacyPolicyUrl={screen.service.privacyPolicyUrl}
            askName={screen.service.askName}
            askEmail={screen.service.askEmail}
          />
        )}
        {screen.name === "chat" && (
          <ChatScreen
            key={screen.chatId}
            chatId={screen.chatId}
            customerToken={screen.customerToken}
            onLost={lost}
            onNewChat={newChat}
            onInquiry={() => {
              forgetChat(serviceKey);
              setScreen({ name: "inquiry", reason: text.queueTimedOut });
            }}
          />
        )}
      </main>
    </>
  );
}
