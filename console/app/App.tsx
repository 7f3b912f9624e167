import { useTranslation } from "react-i18next";
import { LoginScreen } from "../auth/LoginScreen";
import { useSession } from "../auth/session";
import { WorkspaceScreen } from "../chats/WorkspaceScreen";

/** The console's gate: nobody logged in sees only the login. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <p className="centered">{t("app.loading")}</p>;
  if (session.isError) {
    return (
      <p role="alert" className="centered problem">
        {t("app.loadFailed")}
      </p>
    );
  }
  if (!session.data) return <LoginScreen />;
  return <WorkspaceScreen operator={session.data} />;
}
