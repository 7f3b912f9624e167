import { useState } from "react";
import {
  Button,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { CannedStatus, CannedText } from "./canned";

/** A searchable list of the canned responses (title, shortcut or words of the text), from the
 *  keyboard: type, arrows, Enter. The chosen text goes into the composer, to edit before sending. */
export function CannedPicker(props: {
  texts: CannedText[];
  status: CannedStatus;
  onChoose: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const wanted = query.trim().toLowerCase();
  const items = props.texts.filter((response) =>
    [response.title, response.shortcut, response.text].some((part) =>
      part.toLowerCase().includes(wanted),
    ),
  );
  return (
    <ComboBox
      className="canned-picker"
      items={items}
      inputValue={query}
      onInputChange={setQuery}
      selectedKey={null}
      onSelectionChange={(id) => {
        const chosen = props.texts.find((response) => response.id === id);
        if (!chosen) return;
        setQuery("");
        props.onChoose(chosen.text);
      }}
      menuTrigger="focus"
      // Open on an empty list too, so that its empty state says why (loading, none, no match).
      allowsEmptyCollection
    >
      <Label className="visually-hidden">{t("canned.search")}</Label>
      <div className="canned-field">
        <Input placeholder={t("canned.button")} />
        <Button className="canned-open" aria-label={t("canned.button")}>
          <span className="chevron" aria-hidden />
        </Button>
      </div>
      <Popover className="popover canned-popover" placement="top start">
        <ListBox
          className="options"
          renderEmptyState={() => (
            <p className="options-empty">
              {props.status === "loading"
                ? t("canned.loading")
                : props.status === "failed"
                  ? t("canned.failed")
                  : props.texts.length === 0
                    ? t("canned.empty")
                    : t("canned.none")}
            </p>
          )}
        >
          {(response: CannedText) => (
            <ListBoxItem
              id={response.id}
              className="option canned-option"
              textValue={response.title}
            >
              <span className="canned-title">
                {response.title} <span className="muted">{response.shortcut}</span>
              </span>
              <span className="canned-text">{response.text}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
