import type { ReactNode } from "react";
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
} from "react-aria-components";

export interface PickerOption<T extends string> {
  id: T;
  label: ReactNode;
  className?: string;
  lang?: string;
}

/** A labelled select of a few options (react-aria: keyboard, screen readers, the UI language):
 *  the status window and the language choice. `mark` goes before the value and each option. */
export function Picker<T extends string>(props: {
  label: string;
  hideLabel?: boolean;
  value: T;
  options: PickerOption<T>[];
  onChange: (value: T) => void;
  className?: string;
  mark?: ReactNode;
  /** Why some options are missing (their list could not be loaded): said under the select, so
   *  that a short list does not pass for the whole one. */
  problem?: string | null;
}) {
  return (
    <Select
      className={props.className}
      value={props.value}
      onChange={(value) => {
        if (value !== null && value !== props.value) props.onChange(value as T);
      }}
    >
      {/* The class react-aria gives its own labels, so that one rule styles (or, on a phone, hides)
          every label the same way. */}
      <Label className={props.hideLabel ? "visually-hidden" : "react-aria-Label"}>
        {props.label}
      </Label>
      <Button className="select-button">
        {props.mark}
        <SelectValue />
        <span className="chevron" aria-hidden />
      </Button>
      {props.problem && (
        <Text slot="description" className="picker-problem">
          {props.problem}
        </Text>
      )}
      <Popover className="popover">
        <ListBox className="options">
          {props.options.map((option) => (
            <ListBoxItem
              key={option.id}
              id={option.id}
              className={`option ${option.className ?? ""}`}
              lang={option.lang}
            >
              {props.mark}
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
