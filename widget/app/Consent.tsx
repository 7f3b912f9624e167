import { useRef, useState } from "preact/hooks";
import type { CustomerContact } from "../../shared/api";
import { MAX_CUSTOMER_EMAIL_LENGTH, MAX_CUSTOMER_NAME_LENGTH } from "../../shared/limits";
import { ApiError } from "./api";
import { contact } from "./embedding";
import { looksLikeEmail } from "./fields";
import { useFocusWhenShown } from "./focus";
import { useText } from "./text";

type Asked = "name" | "email";
type Fault = "required" | "email";

/** The guide's rule: a chat starts only after the customer consents to the collection of
 *  personal information: the service's own words in the customer's language (else the widget's),
 *  with the company's privacy policy, and the pre-chat fields the service asks for (the name, the
 *  email; what the page prefilled starts them). `onStart` rejects when the chat could not be
 *  started; a refused field is shown beside it. */
export function Consent(props: {
  onStart: (customer: CustomerContact) => Promise<void>;
  consentText: string;
  privacyPolicyUrl: string | null;
  askName: boolean;
  askEmail: boolean;
}) {
  const { onStart } = props;
  const text = useText();
  const [agreed, setAgreed] = useState(false);
  const [starting, setStarting] = useState(false);
  const [failed, setFailed] = useState(false);
  const [values, setValues] = useState({ name: contact.name ?? "", email: contact.email ?? "" });
  const [faults, setFaults] = useState<Partial<Record<Asked, Fault>>>({});
  const first = useRef<HTMLInputElement>(null);
  const checkbox = useRef<HTMLInputElement>(null);
  useFocusWhenShown(props.askName || props.askEmail ? first : checkbox);
  const asked = (["name", "email"] as const).filter((field) =>
    field === "name" ? props.askName : props.askEmail,
  );

  const submit = (event: Event) => {
    event.preventDefault();
    if (!agreed || starting) return;
    const found: Partial<Record<Asked, Fault>> = {};
    for (const field of asked) {
      if (!values[field].trim()) found[field] = "required";
      else if (field === "email" && !looksLikeEmail(values.email)) found.email = "email";
    }
    setFaults(found);
    if (Object.keys(found).length > 0) return;
    setStarting(true);
    setFailed(false);
    const name = values.name.trim() || undefined;
    const email = values.email.trim() || undefined;
    onStart({ name, email }).catch((error) => {
      setStarting(false);
      const field = error instanceof ApiError ? error.field?.replace("body.customer.", "") : null;
      if (field === "name" || field === "email") {
        setFaults({ [field]: error.reason === "required" ? "required" : "email" });
      } else setFailed(true);
    });
  };

  return (
    <form class="consent" onSubmit={submit} noValidate>
      <h2>{text.consentTitle}</h2>
      <p class="consent-text">{props.consentText || text.consentText}</p>
      {props.privacyPolicyUrl && (
        <p>
          <a href={props.privacyPolicyUrl} target="_blank" rel="noopener noreferrer">
            {text.privacyPolicy}
          </a>
        </p>
      )}
      {asked.map((field, index) => {
        const common = {
          id: `prechat-${field}`,
          ref: index === 0 ? first : undefined,
          autoComplete: field,
          maxLength: field === "name" ? MAX_CUSTOMER_NAME_LENGTH : MAX_CUSTOMER_EMAIL_LENGTH,
          value: values[field],
          "aria-invalid": faults[field] !== undefined,
          "aria-describedby": faults[field] ? `prechat-${field}-error` : undefined,
          onInput: (event: { currentTarget: HTMLInputElement }) =>
            setValues({ ...values, [field]: event.currentTarget.value }),
        };
        return (
          <div class="field" key={field}>
            <label for={common.id}>{field === "name" ? text.inquiryName : text.inquiryEmail}</label>
            {field === "email" ? (
              <input type="email" {...common} />
            ) : (
              <input type="text" {...common} />
            )}
            {faults[field] && (
              <span class="field-error" id={`prechat-${field}-error`}>
                {faults[field] === "required" ? text.fieldRequired : text.fieldEmail}
              </span>
            )}
          </div>
        );
      })}
      <label class="agree">
        <input
          ref={checkbox}
          type="checkbox"
          checked={agreed}
          onChange={(event) => setAgreed(event.currentTarget.checked)}
        />
        <span>{text.consentLabel}</span>
      </label>
      <button type="submit" class="primary" disabled={!agreed || starting}>
        {starting ? text.starting : text.startChat}
      </button>
      {failed && (
        <p class="error" role="alert">
          {text.startFailed}
        </p>
      )}
    </form>
  );
}
