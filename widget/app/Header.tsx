import { askToClose } from "./embedding";
import { useText } from "./text";

export function Header({ title }: { title: string }) {
  const text = useText();
  return (
    <header class="header">
      <h1>{title}</h1>
      <button type="button" class="close" aria-label={text.close} onClick={askToClose}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </header>
  );
}
