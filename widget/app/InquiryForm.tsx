/**
 * The inquiry form inside the widget (issue 14): for a customer who cannot chat. What is typed is
 * kept as a draft by the iframe's origin, so an error or a reload loses nothing; the server's
 * refusal of a field is shown beside it, in the customer's language.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { WidgetProcessingTypesResponse } from "../../shared/api";
import type { FieldReason } from "../../shared/errors";
import {
  MAX_CUSTOMER_EMAIL_LENGTH,
  MAX_CUSTOMER_NAME_LENGTH,
  MAX_INQUIRY_MESSAGE_LENGTH,
  MAX_TICKET_SUBJECT_LENGTH,
} from "../../shared/limits";
import { useFormFile } from "./Attachments";
import { ApiError, fetchProcessingTypes, sendInquiry } from "./api";
import { contact, identity, language, serviceKey } from "./embedding";
import { looksLikeEmail } from "./fields";
import { useFocusWhenShown } from "./focus";
import { format } from "./i18n";
import { useText } from "./text";

type Field = "name" | "email" | "processingTypeId" | "subject" | "message" | "consent";
/** What is typed; processingTypeId "" is none chosen (the choice is optional). */
type Draft = Record<Exclude<Field, "consent">, string> & { consent: boolean };

// What the page prefilled (or its logged-in user's details) starts the form.
const emptyDraft: Draft = {
  name: contact.name ?? "",
  email: contact.email ?? "",
  processingTypeId: "",
  subject: "",
  message: "",
  consent: false,
};
const draftKey = () => `madoguchi.inquiry.${serviceKey}`;

/** The saved draft; a browser that refuses the frame storage keeps it for the page's life. */
function loadDraft(): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(draftKey()) ?? "null") as Partial<Draft> | null;
    return { ...emptyDraft, ...saved };
  } catch {
    return emptyDraft;
  }
}

function saveDraft(draft: Draft | null) {
  try {
    if (draft) localStorage.setItem(draftKey(), JSON.stringify(draft));
    else localStorage.removeItem(draftKey());
  } catch {
    // No storage for this frame: the draft lasts as long as the page.
  }
}

const limits: Record<Exclude<Field, "consent" | "processingTypeId">, number> = {
  name: MAX_CUSTOMER_NAME_LENGTH,
  email: MAX_CUSTOMER_EMAIL_LENGTH,
  subject: MAX_TICKET_SUBJECT_LENGTH,
  message: MAX_INQUIRY_MESSAGE_LENGTH,
};

const autoComplete = { name: "name", email: "email", subject: "off" } as const;

/** What the widget can tell before sending: the same rules as the server's, said at once. */
function checked(draft: Draft): Partial<Record<Field, FieldReason>> {
  const faults: Partial<Record<Field, FieldReason>> = {};
  for (const field of ["name", "email", "subject", "message"] as const) {
    if (draft[field].trim() === "") faults[field] = "required";
  }
  if (!faults.email && !looksLikeEmail(draft.email)) {
    faults.email = "invalid_format";
  }
  if (!draft.consent) faults.consent = "invalid_choice";
  return faults;
}

/** The service's processing types to choose from, by path, asked when the form is shown; none
 *  (or not answered): no choice is shown, and the form works without it. */
function useProcessingTypes() {
  const [types, setTypes] = useState<WidgetProcessingTypesResponse["processingTypes"]>([]);
  useEffect(() => {
    fetchProcessingTypes(serviceKey, language).then(
      (answer) => setTypes(answer.processingTypes),
      () => {},
    );
  }, []);
  return types;
}

export function InquiryForm(props: { reason: string; onSent: (reference: number | null) => void }) {
  const processingTypes = useProcessingTypes();
  const text = useText();
  const [draft, setDraft] = useState(loadDraft);
  const [faults, setFaults] = useState<Partial<Record<Field, FieldReason>>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useFocusWhenShown(first);
  const file = useFormFile(serviceKey);

  const offered = (id: string) => processingTypes.some((type) => type.id === id);
  const change = (field: Field, value: string | boolean) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    saveDraft(next);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const found = checked(draft);
    setFaults(found);
    setFailure(null);
    if (Object.keys(found).length > 0 || file.refused) return;
    setSending(true);
    try {
      const attachmentId = await file.send().catch(() => undefined);
      if (attachmentId === undefined) return setSending(false);
      const { inquiry } = await sendInquiry(serviceKey, {
        ...(attachmentId ? { attachmentId } : {}),
        name: draft.name,
        email: draft.email.trim(),
        // A kept draft may name a type the service has retired since: then none is sent.
        processingTypeId: offered(draft.processingTypeId) ? draft.processingTypeId : undefined,
        subject: draft.subject,
        message: draft.message,
        consent: true,
        language,
        identity,
      });
      saveDraft(null);
      props.onSent(inquiry.reference);
    } catch (error) {
      setSending(false);
      const field = error instanceof ApiError ? error.field?.replace(/^body\./, "") : undefined;
      if (error instanceof ApiError && field && field in emptyDraft) {
        setFaults({ [field]: error.reason ?? "invalid" });
      } else {
        setFailure(
          error instanceof ApiError && error.code === "rate_limited"
            ? text.inquiryRateLimited
            : text.inquiryFailed,
        );
      }
    }
  };

  const message = (field: Field) => {
    const reason = faults[field];
    if (!reason) return null;
    const words =
      field === "consent"
        ? text.fieldConsent
        : field === "processingTypeId"
          ? text.fieldChoice
          : reason === "too_long"
            ? format(text.fieldTooLong, { max: limits[field] })
            : field === "email" && reason === "invalid_format"
              ? text.fieldEmail
              : text.fieldRequired;
    return (
      <span class="field-error" id={`inquiry-${field}-error`}>
        {words}
      </span>
    );
  };
  const described = (field: Field) => ({
    "aria-invalid": faults[field] !== undefined,
    "aria-describedby": faults[field] ? `inquiry-${field}-error` : undefined,
  });
  const textField = (field: "name" | "email" | "subject", label: string) => {
    const common = {
      id: `inquiry-${field}`,
      ref: field === "name" ? first : undefined,
      value: draft[field],
      maxLength: limits[field],
      autoComplete: autoComplete[field],
      onInput: (event: { currentTarget: HTMLInputElement }) =>
        change(field, event.currentTarget.value),
      ...described(field),
    };
    return (
      <div class="field">
        <label for={`inquiry-${field}`}>{label}</label>
        {field === "email" ? <input type="email" {...common} /> : <input type="text" {...common} />}
        {message(field)}
      </div>
    );
  };

  return (
    <form class="inquiry" onSubmit={submit} noValidate>
      <h2>{text.inquiryTitle}</h2>
      <p class="reason">{props.reason}</p>
      <p class="lead">{text.inquiryLead}</p>
      {textField("name", text.inquiryName)}
      {textField("email", text.inquiryEmail)}
      {processingTypes.length > 0 && (
        <div class="field">
          <label for="inquiry-processingTypeId">
            {text.inquiryType} <span class="optional">({text.optional})</span>
          </label>
          <select
            id="inquiry-processingTypeId"
            value={offered(draft.processingTypeId) ? draft.processingTypeId : ""}
            onChange={(event) => change("processingTypeId", event.currentTarget.value)}
            {...described("processingTypeId")}
          >
            <option value="">{text.inquiryTypeNone}</option>
            {processingTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.label}
              </option>
            ))}
          </select>
          {message("processingTypeId")}
        </div>
      )}
      {textField("subject", text.inquirySubject)}
      <div class="field">
        <label for="inquiry-message">{text.inquiryMessage}</label>
        <textarea
          id="inquiry-message"
          rows={5}
          value={draft.message}
          maxLength={limits.message}
          onInput={(event) => change("message", event.currentTarget.value)}
          {...described("message")}
        />
        {message("message")}
      </div>
      {file.field}
      <div class="field">
        <label class="agree">
          <input
            type="checkbox"
            checked={draft.consent}
            onChange={(event) => change("consent", event.currentTarget.checked)}
            {...described("consent")}
          />
          <span>{text.inquiryConsent}</span>
        </label>
        {message("consent")}
      </div>
      <button type="submit" class="primary" disabled={sending}>
        {sending ? text.inquirySending : text.inquirySend}
      </button>
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}

/** After the form: the reference to quote, and nothing promised that does not happen. */
export function InquirySent(props: { reference: number | null; onAnother: () => void }) {
  const text = useText();
  const button = useRef<HTMLButtonElement>(null);
  useFocusWhenShown(button);
  return (
    <section class="notice inquiry-sent" role="status">
      <h2>{text.inquirySentTitle}</h2>
      {props.reference !== null && (
        <p class="reference">{format(text.inquiryReference, { reference: props.reference })}</p>
      )}
      <p>{text.inquirySentNext}</p>
      <button type="button" ref={button} class="secondary" onClick={props.onAnother}>
        {text.inquiryAnother}
      </button>
    </section>
  );
}
