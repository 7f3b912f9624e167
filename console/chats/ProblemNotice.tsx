import { useTranslation } from "react-i18next";
import { useWorkspaceContext } from "./workspace";

const known = [
  "chat_closed",
  "rate_limited",
  "operator_unavailable",
  "not_allowed",
  "chat_not_found",
] as const;

/** What the server refused last, in the operator's language where we know the reason. */
export function ProblemNotice() {
  const { t } = useTranslation();
  const { problem, dismissProblem } = useWorkspaceContext();
  if (!problem) return null;
  const code = known.find((candidate) => candidate === problem.code);
  return (
    <p role="alert" className="problem">
      {code ? t(`errors.${code}`) : t("errors.other", { message: problem.message })}{" "}
      <button
        type="button"
        className="link"
        aria-label={t("chat.dismiss")}
        onClick={dismissProblem}
      >
        ×
      </button>
    </p>
  );
}
