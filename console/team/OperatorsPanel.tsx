import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { OperatorListResponse } from "../../shared/api";
import { requestJson } from "../../shared/http";
import { useFormats } from "../i18n/formats";

/** How often administrators' view of presence refreshes itself. */
const REFRESH_MS = 5000;

/** Administrators see every operator's chosen status, whether their console is really there, and
 *  how many chats they hold: an online operator without a console gets no chats. */
export function OperatorsPanel() {
  const { t } = useTranslation();
  const formats = useFormats();
  const operators = useQuery({
    queryKey: ["operators"],
    queryFn: () => requestJson<OperatorListResponse>("/api/operators"),
    refetchInterval: REFRESH_MS,
  });

  if (operators.isPending) return <p className="centered muted">{t("app.loading")}</p>;
  if (operators.isError) {
    return (
      <p role="alert" className="centered problem">
        {t("app.loadFailed")}
      </p>
    );
  }
  return (
    <section className="operators-panel" aria-labelledby="operators-title">
      <h2 id="operators-title">{t("operators.title")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("operators.name")}</th>
            <th scope="col">{t("operators.email")}</th>
            <th scope="col">{t("status.label")}</th>
            <th scope="col">{t("operators.console")}</th>
            <th scope="col" className="number">
              {t("operators.openChats")}
            </th>
          </tr>
        </thead>
        <tbody>
          {operators.data.operators.map((operator) => (
            <tr key={operator.id}>
              <td className="operator-name">{operator.name}</td>
              <td data-label={t("operators.email")}>{operator.email}</td>
              <td data-label={t("status.label")}>{t(`status.${operator.status}`)}</td>
              <td
                data-label={t("operators.console")}
                className={operator.connected ? undefined : "muted"}
              >
                {operator.connected ? t("operators.connected") : t("operators.disconnected")}
              </td>
              <td data-label={t("operators.openChats")} className="number">
                {formats.number(operator.openChats)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t("operators.note")}</p>
    </section>
  );
}
