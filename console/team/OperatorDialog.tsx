/** The form for a new operator or a change of one: account, chat limit, and the services they
 *  belong to with chat permission in each. One request: the server takes it all or nothing. */
import { useState } from "react";
import { Checkbox } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { Membership, OperatorPresence, ServiceSummary } from "../../shared/api";
import type { OperatorPasswordResponse } from "../../shared/operators";
import { MAX_CHAT_LIMIT } from "../../shared/operators";
import { useServices } from "../admin/AdminLayout";
import { FormDialog } from "../app/FormDialog";
import { NumberInput, TextInput, Toggle, useServerErrors } from "../app/forms";
import { Picker } from "../app/Picker";
import { useCreateOperator, useUpdateOperator } from "./api";

type Role = OperatorPresence["role"];

export function OperatorDialog(props: {
  /** The operator to change; none: a new one. */
  operator: OperatorPresence | null;
  onCreated: (created: OperatorPasswordResponse) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const create = useCreateOperator();
  const update = useUpdateOperator();
  const existing = props.operator;
  const [name, setName] = useState(existing?.name ?? "");
  const [email, setEmail] = useState(existing?.email ?? "");
  const [role, setRole] = useState<Role>(existing?.role ?? "operator");
  const [chatLimit, setChatLimit] = useState<number | null>(existing?.chatLimit ?? null);
  const [memberships, setMemberships] = useState<Membership[]>(existing?.memberships ?? []);
  // A new form says what is missing only once Save was tried, not before anything was typed.
  const [tried, setTried] = useState(Boolean(existing));
  const saving = existing ? update : create;
  const errors = useServerErrors(saving.error);
  const invalid = name.trim() === "" || email.trim() === "";

  function submit() {
    setTried(true);
    if (invalid) return;
    const account = { name: name.trim(), email: email.trim(), role, chatLimit, memberships };
    if (existing) {
      update.mutate({ id: existing.id, changes: account }, { onSuccess: props.onClose });
    } else {
      create.mutate(account, { onSuccess: props.onCreated });
    }
  }

  return (
    <FormDialog
      title={existing ? t("team.editTitle", { name: existing.name }) : t("team.createTitle")}
      submitLabel={existing ? t("team.save") : t("team.create")}
      pending={saving.isPending}
      problem={errors.form ?? errors.fields["memberships.0.serviceId"] ?? null}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <TextInput
        name="name"
        label={t("operators.name")}
        value={name}
        onChange={setName}
        required={tried}
        maxLength={100}
        errors={errors.fields}
      />
      <TextInput
        name="email"
        type="email"
        autoComplete="off"
        label={t("operators.email")}
        value={email}
        onChange={setEmail}
        required={tried}
        maxLength={254}
        errors={errors.fields}
      />
      <div className="field-row">
        <Picker
          className="field picker-field"
          label={t("team.role")}
          value={role}
          options={(["operator", "administrator"] as const).map((id) => ({
            id,
            label: t(`team.roles.${id}`),
          }))}
          onChange={setRole}
        />
        <NumberInput
          name="chatLimit"
          label={t("team.chatLimit")}
          value={chatLimit}
          onChange={setChatLimit}
          minValue={1}
          maxValue={MAX_CHAT_LIMIT}
          placeholder={t("team.chatLimitDefault")}
          errors={errors.fields}
        />
      </div>
      <p className="field-description">{t("team.chatLimitHelp")}</p>
      <MembershipFields
        services={services.data?.services ?? []}
        value={memberships}
        onChange={setMemberships}
      />
    </FormDialog>
  );
}

/** Each service: whether they belong to it, and whether they get its chats. */
function MembershipFields(props: {
  services: ServiceSummary[];
  value: Membership[];
  onChange: (value: Membership[]) => void;
}) {
  const { t } = useTranslation();
  const find = (serviceId: string) => props.value.find((item) => item.serviceId === serviceId);
  const set = (serviceId: string, membership: Membership | null) =>
    props.onChange([
      ...props.value.filter((item) => item.serviceId !== serviceId),
      ...(membership ? [membership] : []),
    ]);
  return (
    <fieldset className="dialog-group memberships">
      <legend>{t("team.membership")}</legend>
      <p className="field-description">{t("team.membershipHelp")}</p>
      <ul>
        {props.services.map((service) => {
          const membership = find(service.id);
          return (
            <li key={service.id}>
              <Checkbox
                className="checkbox"
                isSelected={Boolean(membership)}
                onChange={(member) =>
                  set(service.id, member ? { serviceId: service.id, chatPermission: true } : null)
                }
              >
                <span className="checkbox-box" aria-hidden />
                <span className="service-name">{service.name}</span>
              </Checkbox>
              {membership && (
                <Toggle
                  label={t("team.receivesChats")}
                  isSelected={membership.chatPermission}
                  onChange={(chatPermission) => set(service.id, { ...membership, chatPermission })}
                />
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
