/** After logging in with a password an administrator was shown: the operator chooses their own
 *  before anything else (the server refuses everything else until then). */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { OperatorResponse } from "../../shared/api";
import { jsonBody, requestJson } from "../../shared/http";
import { type ChangePasswordBody, MIN_PASSWORD_LENGTH } from "../../shared/operators";
import { TextInput, useServerErrors } from "../app/forms";
import { LanguageSelect } from "../i18n/LanguageSelect";
import { useLogout, useSetSession } from "./session";

export function PasswordChangeScreen() {
  const { t } = useTranslation();
  const setSession = useSetSession();
  const logout = useLogout();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      requestJson<OperatorResponse>("/api/auth/password", jsonBody("POST", body)),
    onSuccess: ({ operator }) => setSession(operator),
  });
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const errors = useServerErrors(change.error);
  const fields = { ...errors.fields };
  if (repeat !== "" && repeat !== newPassword) fields.repeat = t("passwordChange.mismatch");
  const tooShort = [...newPassword].length < MIN_PASSWORD_LENGTH;
  if (newPassword !== "" && tooShort && !fields.newPassword) {
    fields.newPassword = t("fieldError.too_short", { limit: MIN_PASSWORD_LENGTH });
  }
  const invalid = currentPassword === "" || tooShort || repeat !== newPassword;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!invalid) change.mutate({ currentPassword, newPassword });
  }

  return (
    <main className="login">
      <div className="login-language">
        <LanguageSelect />
      </div>
      <form className="login-form" onSubmit={submit} noValidate>
        <h1>{t("passwordChange.title")}</h1>
        <p className="muted login-lead">{t("passwordChange.lead")}</p>
        <TextInput
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label={t("passwordChange.current")}
          value={currentPassword}
          onChange={setCurrent}
          errors={fields}
        />
        <TextInput
          name="newPassword"
          type="password"
          autoComplete="new-password"
          label={t("passwordChange.next")}
          description={t("passwordChange.nextHelp", { count: MIN_PASSWORD_LENGTH })}
          value={newPassword}
          onChange={setNext}
          errors={fields}
        />
        <TextInput
          name="repeat"
          type="password"
          autoComplete="new-password"
          label={t("passwordChange.repeat")}
          value={repeat}
          onChange={setRepeat}
          errors={fields}
        />
        {errors.form && (
          <p role="alert" className="problem">
            {errors.form}
          </p>
        )}
        <Button type="submit" className="primary" isDisabled={change.isPending || invalid}>
          {change.isPending ? t("passwordChange.submitting") : t("passwordChange.submit")}
        </Button>
        <Button className="link" onPress={() => logout.mutate()}>
          {t("app.logout")}
        </Button>
      </form>
    </main>
  );
}
