import { useMutation } from "@tanstack/react-query";
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { Operator, OperatorResponse } from "../../shared/api";
import { operatorStatuses } from "../../shared/domain";
import { jsonBody, requestJson } from "../../shared/http";
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
      <Select
        value={shown}
        onChange={(status) => {
          if (status && status !== shown) change.mutate(status as Operator["status"]);
        }}
      >
        <Label>{t("status.label")}</Label>
        <Button className="select-button">
          <span className="status-dot" aria-hidden />
          <SelectValue />
          <span className="chevron" aria-hidden />
        </Button>
        <Popover className="popover">
          <ListBox className="options">
            {operatorStatuses.map((status) => (
              <ListBoxItem key={status} id={status} className={`option status-${status}`}>
                <span className="status-dot" aria-hidden />
                {t(`status.${status}`)}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>
      {change.isError && (
        <span role="alert" className="problem">
          {t("status.failed")}
        </span>
      )}
    </div>
  );
}
