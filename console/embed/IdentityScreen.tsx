/** Logged-in users only (PRODUCT.md, FAQ): the switch, and the identity secret the site signs its
 *  users with, shown once when created and rotatable (docs/identity.md). */
import { type FormEvent, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { EmbedSettings, ServiceSummary } from "../../shared/api";
import { IDENTITY_SECRET_GRACE_HOURS } from "../../shared/limits";
import { ConfirmButton } from "../app/ConfirmButton";
import { CopyText } from "../app/CopyText";
import { SaveBar, Toggle, useServerErrors } from "../app/forms";
import { useFormats } from "../i18n/formats";
import { useRotateIdentitySecret, useUpdateEmbedSettings } from "./api";
import "./embed.css";
import { WithEmbedSettings } from "./WithEmbedSettings";

export function IdentityScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  return (
    <WithEmbedSettings serviceId={service.id}>
      {(settings) => (
        <section className="admin-screen" aria-labelledby="identity-title">
          <h2 id="identity-title">{t("identity.title")}</h2>
          <p className="lead">{t("identity.lead")}</p>
          <LoginRequiredForm key={service.id} serviceId={service.id} settings={settings} />
          <IdentitySecret key={`secret:${service.id}`} serviceId={service.id} settings={settings} />
          <h3>{t("identity.howTo")}</h3>
          <p>{t("identity.howToText")}</p>
          <pre className="signing">
            <code>{`signature = hex(HMAC-SHA256(identity secret, user id))

<script src="…/widget.js" data-service="${service.key}"
  data-user-id="42" data-user-signature="…" async></script>`}</code>
          </pre>
          <p className="muted">{t("identity.docs")}</p>
        </section>
      )}
    </WithEmbedSettings>
  );
}

function LoginRequiredForm(props: { serviceId: string; settings: EmbedSettings }) {
  const { t } = useTranslation();
  const [required, setRequired] = useState(props.settings.loginRequired);
  const update = useUpdateEmbedSettings(props.serviceId);
  const server = useServerErrors(update.error);
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ loginRequired: required });
  };
  return (
    <form onSubmit={save}>
      <Toggle
        label={t("identity.required")}
        description={t("identity.requiredHelp")}
        isSelected={required}
        onChange={setRequired}
      />
      {required && props.settings.identitySecretIssuedAt === null && (
        <p className="banner">{t("identity.noSecretWarning")}</p>
      )}
      <SaveBar
        dirty={required !== props.settings.loginRequired}
        saving={update.isPending}
        saved={update.isSuccess}
        formError={server.form}
      />
    </form>
  );
}

function IdentitySecret(props: { serviceId: string; settings: EmbedSettings }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const rotate = useRotateIdentitySecret(props.serviceId);
  const { identitySecretIssuedAt: issuedAt, previousIdentitySecretUntil: previousUntil } =
    props.settings;
  return (
    <div className="identity-secret">
      <h3>{t("identity.secret")}</h3>
      <p>
        {issuedAt
          ? t("identity.issuedAt", { date: formats.dateTime(issuedAt) })
          : t("identity.never")}
        {previousUntil && (
          <>
            <br />
            {t("identity.previousUntil", { date: formats.dateTime(previousUntil) })}
          </>
        )}
      </p>
      {rotate.isError && (
        <p role="alert" className="problem">
          {t("identity.rotateFailed")}
        </p>
      )}
      {issuedAt ? (
        // Rotating changes what the site must sign with: asked once more.
        <ConfirmButton
          label={t("identity.rotate")}
          title={t("identity.rotateTitle")}
          text={t("identity.rotateText", { hours: IDENTITY_SECRET_GRACE_HOURS })}
          cancel={t("identity.cancel")}
          confirmClassName="primary"
          isDisabled={rotate.isPending}
          onConfirm={() => rotate.mutate()}
        />
      ) : (
        <Button className="primary" onPress={() => rotate.mutate()} isDisabled={rotate.isPending}>
          {t("identity.create")}
        </Button>
      )}
      {rotate.data && (
        <div className="secret-once">
          <p className="banner">{t("identity.shownOnce")}</p>
          <CopyText label={t("identity.newSecret")} text={rotate.data.identitySecret} />
        </div>
      )}
    </div>
  );
}
