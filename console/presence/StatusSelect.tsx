import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Operator, OperatorResponse } from "../../shared/api";
import { jsonBody, requestJson } from "../../shared/http";
import { useSetSession } from "../auth/session";

// Spelled out rather than taken from the zod schema, to keep zod out of the bundle.
const statuses: Operator["status"][] = ["online", "break", "offline"];

/** Online, on break or offline: only online operators with the console open get new chats. */
export function StatusSelect({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const setSession = useSetSession();
  const change = useMutation({
    mutationFn: (status: Operator["status"]) =>
      requestJson<OperatorResponse>("/api/operators/me/status", jsonBody("PUT", { status })),
    onSuccess: ({ operator }) => setSession(operator),
  });
  const shown = change.isPending ? change.variables : operator.status;

  return (
    <div className={`status status-${shown}`}>
      <label>
        {t("status.label")}
        <select
          value={shown}
          disabled={change.isPending}
          onChange={(event) => change.mutate(event.target.value as Operator["status"])}
        >
          {statuses.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      {change.isError && (
        <span role="alert" className="problem">
          {t("status.failed")}
        </span>
      )}
    </div>
  );
}
