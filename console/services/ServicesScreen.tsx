import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { CreateServiceBody, ServiceResponse, ServiceSummary } from "../../shared/api";
import { jsonBody, requestJson } from "../../shared/http";
import { useServices } from "../admin/AdminLayout";
import { useServerErrors } from "../app/forms";
import { loadFailedKey } from "../app/load-failed";
import { identityComplete, ServiceIdentityFields } from "./ServiceFields";
import { rememberService } from "./useServiceForm";

/** Every service of the installation, and a new one. */
export function ServicesScreen() {
  const { t } = useTranslation();
  const services = useServices();
  return (
    <section className="admin-screen wide" aria-labelledby="services-title">
      <div className="screen-head">
        <h2 id="services-title">{t("services.title")}</h2>
        <CreateServiceButton />
      </div>
      <p className="lead">{t("services.lead")}</p>
      {services.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : services.isError ? (
        <p role="alert" className="problem">
          {t(loadFailedKey(services.error))}
        </p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t("services.name")}</th>
              <th scope="col">{t("services.state")}</th>
              <th scope="col">{t("services.languages")}</th>
              <th scope="col">{t("services.timeZone")}</th>
              <th scope="col">{t("services.key")}</th>
            </tr>
          </thead>
          <tbody>
            {services.data.services.map((service) => (
              <ServiceRow key={service.id} service={service} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ServiceRow({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const state = service.archived ? "archived" : service.chatEnabled ? "chatOn" : "chatOff";
  return (
    <tr className={service.archived ? "archived" : undefined}>
      <td className="service-name">
        <Link to={`/admin/services/${service.id}/general`}>{service.name}</Link>
      </td>
      <td data-label={t("services.state")}>
        <span className={`state state-${state}`}>{t(`services.${state}`)}</span>
      </td>
      <td data-label={t("services.languages")}>
        {service.languages
          .map(
            (language) =>
              t(`app.languageName.${language}`) +
              (language === service.defaultLanguage ? ` (${t("services.defaultMark")})` : ""),
          )
          .join(", ")}
      </td>
      <td data-label={t("services.timeZone")}>{service.timeZone.replaceAll("_", " ")}</td>
      <td data-label={t("services.key")}>
        <code>{service.key}</code>
      </td>
    </tr>
  );
}

const blank: CreateServiceBody = {
  name: "",
  languages: ["ja"],
  defaultLanguage: "ja",
  timeZone: "Asia/Tokyo",
};

/** A new service in a dialog; once created, its settings open. */
function CreateServiceButton() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<CreateServiceBody>(blank);
  const create = useMutation({
    mutationFn: (body: CreateServiceBody) =>
      requestJson<ServiceResponse>("/api/services", jsonBody("POST", body)),
    onSuccess: ({ service }) => {
      rememberService(queryClient, service);
      navigate(`/admin/services/${service.id}/general`);
    },
  });
  const errors = useServerErrors(create.error);
  const open = () => {
    const language = (i18n.resolvedLanguage ?? "en") as CreateServiceBody["defaultLanguage"];
    setDraft({
      ...blank,
      languages: [language],
      defaultLanguage: language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    });
    create.reset();
  };
  return (
    <DialogTrigger onOpenChange={(isOpen) => isOpen && open()}>
      <Button className="primary">{t("services.create")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <form
                onSubmit={(event: FormEvent) => {
                  event.preventDefault();
                  create.mutate(draft, { onSuccess: close });
                }}
              >
                <Heading slot="title">{t("services.createTitle")}</Heading>
                <ServiceIdentityFields
                  value={draft}
                  onChange={(patch) => setDraft({ ...draft, ...patch })}
                  errors={errors.fields}
                />
                <p className="field-description">{t("services.createdNote")}</p>
                {errors.form && (
                  <p role="alert" className="problem">
                    {errors.form}
                  </p>
                )}
                <div className="dialog-buttons">
                  <Button onPress={close}>{t("services.cancel")}</Button>
                  <Button
                    type="submit"
                    className="primary"
                    isDisabled={create.isPending || !identityComplete(draft)}
                  >
                    {create.isPending ? t("services.creating") : t("services.createSubmit")}
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
