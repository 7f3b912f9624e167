/** Operators (installation-wide): who they are, their role and services, and — refreshed every
 *  few seconds — their status, whether their console is there and the chats they hold. From here
 *  administrators add, change, deactivate and reactivate operators and reset passwords. */
import "./team.css";
import { useState } from "react";
import { Button, Menu, MenuItem, MenuTrigger, Popover } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { OperatorPresence } from "../../shared/api";
import type { OperatorPasswordResponse } from "../../shared/operators";
import { useServices } from "../admin/AdminLayout";
import { ConfirmDialog } from "../app/ConfirmDialog";
import { useServerErrors } from "../app/forms";
import { loadFailedKey } from "../app/load-failed";
import { useOperator } from "../auth/session";
import { useFormats } from "../i18n/formats";
import { useOperators, useResetPassword, useSetActive } from "./api";
import { OperatorDialog } from "./OperatorDialog";
import { PasswordShown } from "./PasswordShown";

type Open =
  | { kind: "create" }
  | { kind: "edit" | "reset" | "deactivate"; operator: OperatorPresence }
  | { kind: "password"; shown: OperatorPasswordResponse; reason: "created" | "reset" }
  | null;

export function OperatorsPanel() {
  const { t } = useTranslation();
  const operators = useOperators();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  return (
    <section className="admin-screen wide" aria-labelledby="operators-title">
      <div className="screen-head">
        <h2 id="operators-title">{t("operators.title")}</h2>
        <Button className="primary" onPress={() => setOpen({ kind: "create" })}>
          {t("team.add")}
        </Button>
      </div>
      <p className="lead">{t("team.lead")}</p>
      {operators.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : operators.isError ? (
        <p role="alert" className="problem">
          {t(loadFailedKey(operators.error))}
        </p>
      ) : (
        <OperatorTable operators={operators.data.operators} onOpen={setOpen} />
      )}
      {open?.kind === "create" && (
        <OperatorDialog
          operator={null}
          onClose={close}
          onCreated={(shown) => setOpen({ kind: "password", shown, reason: "created" })}
        />
      )}
      {open?.kind === "edit" && (
        <OperatorDialog operator={open.operator} onClose={close} onCreated={close} />
      )}
      {open?.kind === "reset" && (
        <ResetPassword
          operator={open.operator}
          onClose={close}
          onReset={(shown) => setOpen({ kind: "password", shown, reason: "reset" })}
        />
      )}
      {open?.kind === "deactivate" && <Deactivate operator={open.operator} onClose={close} />}
      {open?.kind === "password" && (
        <PasswordShown shown={open.shown} reason={open.reason} onClose={close} />
      )}
    </section>
  );
}

function OperatorTable(props: { operators: OperatorPresence[]; onOpen: (open: Open) => void }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const me = useOperator();
  const services = useServices();
  const serviceName = new Map(services.data?.services.map((service) => [service.id, service.name]));
  const reactivate = useSetActive();
  return (
    <table className="operators-table">
      <thead>
        <tr>
          <th scope="col">{t("team.operator")}</th>
          <th scope="col">{t("team.role")}</th>
          <th scope="col">{t("team.services")}</th>
          <th scope="col">{t("status.label")}</th>
          <th scope="col" className="number">
            {t("operators.openChats")}
          </th>
          <th scope="col">
            <span className="visually-hidden">{t("team.actions", { name: "" })}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.operators.map((operator) => (
          <tr key={operator.id} className={operator.active ? undefined : "inactive"}>
            <td className="operator-name">
              <span className="name">
                {operator.name}
                {operator.id === me.id && <span className="you"> ({t("team.you")})</span>}
              </span>
              <span className="email">{operator.email}</span>
              {!operator.active ? (
                <span className="tag">{t("team.deactivated")}</span>
              ) : (
                operator.passwordChangeRequired && (
                  <span className="tag">{t("team.firstLoginPending")}</span>
                )
              )}
            </td>
            <td data-label={t("team.role")}>{t(`team.roles.${operator.role}`)}</td>
            <td data-label={t("team.services")}>
              {operator.memberships.length === 0 ? (
                <span className="muted">{t("team.noServices")}</span>
              ) : (
                <ul className="service-list">
                  {operator.memberships.map((membership) => (
                    <li key={membership.serviceId}>
                      {serviceName.get(membership.serviceId) ?? "…"}
                      {!membership.chatPermission && (
                        <span className="tag">{t("team.noChats")}</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td data-label={t("status.label")}>
              {operator.active && (
                <span className={`presence status-${operator.status}`}>
                  <span className="status-dot" aria-hidden />
                  {t(`status.${operator.status}`)}
                  <span className="muted console-state">
                    {operator.connected ? t("operators.connected") : t("operators.disconnected")}
                  </span>
                </span>
              )}
            </td>
            <td data-label={t("operators.openChats")} className="number">
              {operator.active ? formats.number(operator.openChats) : ""}
            </td>
            <td className="row-actions">
              {operator.active ? (
                <MenuTrigger>
                  <Button
                    className="menu-button"
                    aria-label={t("team.actions", { name: operator.name })}
                  >
                    ⋯
                  </Button>
                  <Popover className="popover" placement="bottom end">
                    <Menu
                      className="options"
                      onAction={(kind) =>
                        props.onOpen({ kind: kind as "edit" | "reset" | "deactivate", operator })
                      }
                    >
                      <MenuItem id="edit" className="option">
                        {t("team.edit")}
                      </MenuItem>
                      <MenuItem id="reset" className="option">
                        {t("team.resetPassword")}
                      </MenuItem>
                      <MenuItem id="deactivate" className="option danger">
                        {t("team.deactivate")}
                      </MenuItem>
                    </Menu>
                  </Popover>
                </MenuTrigger>
              ) : (
                <Button
                  isDisabled={reactivate.isPending}
                  onPress={() => reactivate.mutate({ id: operator.id, active: true })}
                >
                  {t("team.reactivate")}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResetPassword(props: {
  operator: OperatorPresence;
  onClose: () => void;
  onReset: (shown: OperatorPasswordResponse) => void;
}) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const problem = useServerErrors(reset.error).form;
  return (
    <ConfirmDialog
      title={t("team.resetTitle", { name: props.operator.name })}
      text={t("team.resetText")}
      confirm={t("team.resetPassword")}
      pending={reset.isPending}
      problem={problem}
      onConfirm={() => reset.mutate(props.operator.id, { onSuccess: props.onReset })}
      onClose={props.onClose}
    />
  );
}

function Deactivate(props: { operator: OperatorPresence; onClose: () => void }) {
  const { t } = useTranslation();
  const deactivate = useSetActive();
  const problem = useServerErrors(deactivate.error).form;
  return (
    <ConfirmDialog
      title={t("team.deactivateTitle", { name: props.operator.name })}
      text={t("team.deactivateText")}
      confirm={t("team.deactivate")}
      pending={deactivate.isPending}
      problem={problem}
      onConfirm={() =>
        deactivate.mutate({ id: props.operator.id, active: false }, { onSuccess: props.onClose })
      }
      onClose={props.onClose}
    />
  );
}
