/**
 * Text to copy somewhere else (an embed code, a secret shown once): shown whole, with a button
 * that copies it and says so. When the browser refuses the clipboard (no permission, a page not
 * served over HTTPS), the text is selected instead and the operator is told to press Ctrl+C.
 */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export function CopyText(props: { label: string; text: string }) {
  const { t } = useTranslation();
  const block = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"yes" | "refused" | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied("yes");
    } catch {
      const selection = getSelection();
      if (block.current && selection) selection.selectAllChildren(block.current);
      setCopied("refused");
    }
  };

  return (
    <figure className="copy-text" aria-label={props.label}>
      <pre>
        <code ref={block}>{props.text}</code>
      </pre>
      <div className="copy-text-bar">
        <button type="button" onClick={copy}>
          {copied === "yes" ? `✓ ${t("copy.done")}` : t("copy.button")}
        </button>
        <span role="status" className={copied === "refused" ? "problem" : "muted"}>
          {copied === "yes" && t("copy.doneNote")}
          {copied === "refused" && t("copy.refused")}
        </span>
      </div>
    </figure>
  );
}
