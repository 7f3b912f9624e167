import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import { MAX_QUEUE_LENGTH, MAX_QUEUE_TIMEOUT_MINUTES } from "../../shared/limits";
import { NumberInput, SaveBar, Toggle } from "../app/forms";
import { useServiceForm } from "./useServiceForm";

/** Chat → operator assignment: how this service's new chats find an operator. */
export function AssignmentScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const form = useServiceForm({
    service,
    fields: (current) => ({
      preferRecentOperator: current.preferRecentOperator,
      chatLimit: current.chatLimit as number | null,
      reassignmentGraceSeconds: current.reassignmentGraceSeconds as number | null,
      customerIdleMinutes: current.customerIdleMinutes as number | null,
      maxQueueLength: current.maxQueueLength as number | null,
      queueTimeoutMinutes: current.queueTimeoutMinutes as number | null,
    }),
  });
  const { draft, errors } = form;
  const incomplete =
    draft.chatLimit === null ||
    draft.reassignmentGraceSeconds === null ||
    draft.customerIdleMinutes === null ||
    draft.maxQueueLength === null ||
    draft.queueTimeoutMinutes === null;
  return (
    <form className="admin-screen" onSubmit={form.submit}>
      <h2>{t("services.assignment")}</h2>
      <p className="lead">{t("services.assignmentLead")}</p>
      <Toggle
        label={t("services.preferRecent")}
        description={t("services.preferRecentHelp")}
        isSelected={draft.preferRecentOperator}
        onChange={(preferRecentOperator) => form.update({ preferRecentOperator })}
      />
      <NumberInput
        name="chatLimit"
        label={t("services.chatLimit")}
        description={t("services.chatLimitHelp")}
        errors={errors.fields}
        value={draft.chatLimit}
        onChange={(chatLimit) => form.update({ chatLimit })}
        minValue={1}
        maxValue={100}
      />
      <NumberInput
        name="reassignmentGraceSeconds"
        label={t("services.grace")}
        description={t("services.graceHelp")}
        errors={errors.fields}
        value={draft.reassignmentGraceSeconds}
        onChange={(reassignmentGraceSeconds) => form.update({ reassignmentGraceSeconds })}
        minValue={10}
        maxValue={3600}
      />
      <NumberInput
        name="customerIdleMinutes"
        label={t("services.idle")}
        description={t("services.idleHelp")}
        errors={errors.fields}
        value={draft.customerIdleMinutes}
        onChange={(customerIdleMinutes) => form.update({ customerIdleMinutes })}
        minValue={1}
        maxValue={1440}
      />
      <NumberInput
        name="maxQueueLength"
        label={t("services.maxQueueLength")}
        description={t("services.maxQueueLengthHelp")}
        errors={errors.fields}
        value={draft.maxQueueLength}
        onChange={(maxQueueLength) => form.update({ maxQueueLength })}
        minValue={0}
        maxValue={MAX_QUEUE_LENGTH}
      />
      <NumberInput
        name="queueTimeoutMinutes"
        label={t("services.queueTimeout")}
        description={t("services.queueTimeoutHelp")}
        errors={errors.fields}
        value={draft.queueTimeoutMinutes}
        onChange={(queueTimeoutMinutes) => form.update({ queueTimeoutMinutes })}
        minValue={1}
        maxValue={MAX_QUEUE_TIMEOUT_MINUTES}
      />
      <SaveBar {...form.saveBar} invalid={incomplete} />
    </form>
  );
}
