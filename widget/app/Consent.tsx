import { useRef, useState } from "preact/hooks";
import { useFocusWhenShown } from "./focus";
import { useText } from "./text";

/** The guide's rule: a chat starts only after the customer consents to the collection of
 *  personal information: the service's own words in the customer's language (else the widget's),
 *  with the company's privacy policy. `onStart` rejects when the chat could not be started. */
export function Consent(props: {
  onStart: () => Promise<void>;
  consentText: string;
  privacyPolicyUrl: string | null;
}) {
  const { onStart } = props;
  const text = useText();
  const [agreed, setAgreed] = useState(false);
  const [starting, setStarting] = useState(false);
  const [failed, setFailed] = useState(false);
  const checkbox = useRef<HTMLInputElement>(null);
  useFocusWhenShown(checkbox);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!agreed || starting) return;
    setStarting(true);
    setFailed(false);
    onStart().catch(() => {
      setStarting(false);
      setFailed(true);
    });
  };

  return (
    <form class="consent" onSubmit={submit}>
      <h2>{text.consentTitle}</h2>
      <p class="consent-text">{props.consentText || text.consentText}</p>
      {props.privacyPolicyUrl && (
        <p>
          <a href={props.privacyPolicyUrl} target="_blank" rel="noopener noreferrer">
            {text.privacyPolicy}
          </a>
        </p>
      )}
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
