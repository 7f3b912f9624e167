import { useTranslation } from "react-i18next";
import { LoginScreen } from "../auth/LoginScreen";
import { PasswordChangeScreen } from "../auth/PasswordChangeScreen";
import { OperatorContext, useSession } from "../auth/session";
import { loadFailedKey } from "./load-failed";
import { ConsoleRoutes } from "./routes";

/** The console's gate: nobody logged in sees only the login, at whatever URL they asked for, and
 *  lands on that URL once logged in (the gate never navigates). */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <p className="centered">{t("app.loading")}</p>;
  if (session.isError) {
    return (
      <p role="alert" className="centered problem">
        {t(loadFailedKey(session.error))}
      </p>
    );
  }
  if (!session.data) return <LoginScreen />;
  if (session.data.passwordChangeRequired) return <PasswordChangeScreen />;
  return (
    <OperatorContext value={session.data}>
      <ConsoleRoutes />
    </OperatorContext>
  );
}
