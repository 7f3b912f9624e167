import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Operator, OperatorResponse } from "../../shared/api";
import { operatorStatuses } from "../../shared/domain";
import { jsonBody, requestJson } from "../../shared/http";
import { Picker } from "../app/Picker";
import { useSetSession } from "../auth/session";

/** The status window: online, on break or offline; only online operators with the console open
 *  get new chats. */
export function StatusSelect({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const setSession = useSetSession();
  const change = useMutation({
    mutationFn: (status: Operator["status"]) =>
      requestJson<OperatorResponse>("/api/operators/me/status", jsonBody("PUT", { status })),
    onSuccess: ({ operator }) => setSession(operator),
  });
  // Shown at once; not disabled meanwhile, which would throw the keyboard out of the control.
  const shown = change.isPending ? change.variables : operator.status;

  return (
    <div className={`status status-${shown}`}>
      <Picker
        label={t("status.label")}
        value={shown}
        options={operatorStatuses.map((status) => ({
          id: status,
          label: t(`status.${status}`),
          className: `status-${status}`,
        }))}
        onChange={(status) => change.mutate(status)}
        mark={<span className="status-dot" aria-hidden />}
      />
      {change.isError && (
        <span role="alert" className="problem">
          {t("status.failed")}
        </span>
      )}
    </div>
  );
}
