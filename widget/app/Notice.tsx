import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { useFocusWhenShown } from "./focus";

interface NoticeProps {
  title?: string;
  children: ComponentChildren;
  action?: { label: string; onClick: () => void };
  /** A second, lesser choice beside the action. */
  secondary?: { label: string; onClick: () => void };
}

/** A screen that only explains something: chat unavailable, nobody online, a failed load. */
export function Notice({ title, children, action, secondary }: NoticeProps) {
  const button = useRef<HTMLButtonElement>(null);
  useFocusWhenShown(button);
  return (
    <section class="notice">
      {title && <h2>{title}</h2>}
      <p>{children}</p>
      {action && (
        <button type="button" ref={button} class="primary" onClick={action.onClick}>
          {action.label}
        </button>
      )}
      {secondary && (
        <button type="button" class="secondary" onClick={secondary.onClick}>
          {secondary.label}
        </button>
      )}
    </section>
  );
}
