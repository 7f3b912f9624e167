/**
 * The form controls every management screen uses (react-aria: labels, descriptions and errors tied
 * to their inputs for screen readers). The client checks for comfort, the server for truth: a
 * field the server refuses shows its reason in the operator's language under that field.
 */
import type { ReactNode } from "react";
import {
  Button,
  FieldError,
  Input,
  Label,
  NumberField,
  Switch,
  Text,
  TextArea,
  TextField,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { FieldReason } from "../../shared/errors";
import { ApiError } from "../../shared/http";

/** Server field errors by input name (the field's path in the request body, without "body."). */
export type FieldErrors = Record<string, string>;

/** What a failed save tells the form: the refused field's message, or one for the whole form. */
export function useServerErrors(error: unknown): { fields: FieldErrors; form: string | null } {
  const { t } = useTranslation();
  if (!error) return { fields: {}, form: null };
  if (error instanceof ApiError && error.field?.startsWith("body.")) {
    const reason: FieldReason = error.reason ?? "invalid";
    return {
      fields: {
        [error.field.slice("body.".length)]: t(`fieldError.${reason}`, { limit: error.limit }),
      },
      form: null,
    };
  }
  const code = error instanceof ApiError ? error.code : "internal_error";
  return { fields: {}, form: t(`formError.${code}`, { defaultValue: t("formError.other") }) };
}

interface FieldProps {
  /** The field's path in the request body ("texts.ja.greeting"): server errors find it by this. */
  name: string;
  label: string;
  description?: ReactNode;
  errors: FieldErrors;
}

/** A one-line or multi-line text field; `required` and `maxLength` are checked as one types. */
export function TextInput(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    required?: boolean;
    maxLength?: number;
    multiline?: boolean;
    type?: "text" | "email" | "url" | "password";
    autoComplete?: string;
    lang?: string;
  },
) {
  const { t } = useTranslation();
  const serverError = props.errors[props.name];
  const clientError =
    props.required && props.value.trim() === ""
      ? t("fieldError.required")
      : props.maxLength !== undefined && [...props.value].length > props.maxLength
        ? t("fieldError.too_long", { limit: props.maxLength })
        : null;
  return (
    <TextField
      className="field"
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      type={props.type}
      autoComplete={props.autoComplete}
      isRequired={props.required}
      isInvalid={Boolean(serverError ?? clientError)}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      {props.multiline ? <TextArea lang={props.lang} rows={4} /> : <Input lang={props.lang} />}
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError>{serverError ?? clientError}</FieldError>
    </TextField>
  );
}

/** A whole number within bounds (a limit, minutes, seconds). */
export function NumberInput(
  props: FieldProps & {
    value: number | null;
    onChange: (value: number | null) => void;
    minValue?: number;
    maxValue?: number;
    /** What an empty field means ("the service's default"); without it the field is required. */
    placeholder?: string;
  },
) {
  const { t } = useTranslation();
  const serverError = props.errors[props.name];
  const clientError =
    props.value === null && props.placeholder === undefined ? t("fieldError.required") : null;
  return (
    <NumberField
      className="field number-field"
      name={props.name}
      value={props.value ?? Number.NaN}
      onChange={(value) => props.onChange(Number.isNaN(value) ? null : value)}
      minValue={props.minValue}
      maxValue={props.maxValue}
      step={1}
      isInvalid={Boolean(serverError ?? clientError)}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      <Input placeholder={props.placeholder} />
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError>{serverError ?? clientError}</FieldError>
    </NumberField>
  );
}

/** An on/off setting with what it does underneath. */
export function Toggle(props: {
  label: string;
  description?: ReactNode;
  isSelected: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <div className="field toggle-field">
      <Switch className="switch" isSelected={props.isSelected} onChange={props.onChange}>
        <span className="switch-track" aria-hidden>
          <span className="switch-thumb" />
        </span>
        {props.label}
      </Switch>
      {props.description && <p className="field-description">{props.description}</p>}
    </div>
  );
}

/** The foot of a settings form: Save (while something changed), and what became of the last save. */
export function SaveBar(props: {
  dirty: boolean;
  saving: boolean;
  saved: boolean;
  formError: string | null;
  /** Set when the client's own checks fail: Save waits until they pass. */
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="save-bar">
      <Button
        type="submit"
        className="primary"
        isDisabled={!props.dirty || props.saving || props.invalid}
      >
        {props.saving ? t("form.saving") : t("form.save")}
      </Button>
      <span role="status" className="save-state">
        {props.formError ? (
          <span className="problem">{props.formError}</span>
        ) : props.saved && !props.dirty ? (
          t("form.saved")
        ) : props.dirty ? (
          <span className="muted">{t("form.unsaved")}</span>
        ) : null}
      </span>
    </div>
  );
}
