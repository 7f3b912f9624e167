import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../shared/http";
import { LanguageSelect } from "../i18n/LanguageSelect";
import { useLogin } from "./session";

export function LoginScreen() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

  return (
    <main className="login">
      <div className="login-language">
        <LanguageSelect />
      </div>
      <form className="login-form" onSubmit={submit}>
        <h1>{t("login.title")}</h1>
        <label>
          {t("login.email")}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          {t("login.password")}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {login.error && (
          <p role="alert" className="problem">
            {loginProblem(login.error, t)}
          </p>
        )}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </main>
  );
}

function loginProblem(error: Error, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("login.failed");
  if (error.code === "invalid_credentials" || error.code === "validation_failed") {
    return t("login.invalidCredentials");
  }
  if (error.code === "rate_limited") return t("login.rateLimited");
  return t("login.failed");
}
