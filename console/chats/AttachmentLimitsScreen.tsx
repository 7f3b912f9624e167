/** What a file in a chat or an inquiry form may be, for every service: the administrators'
 *  screen of the installation's attachment limits (what both sides check before sending). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type AttachmentLimits,
  MAX_ATTACHMENT_BYTES_CEILING,
  neverAllowed,
} from "../../shared/attachment-rules";
import type { AttachmentLimitsResponse } from "../../shared/attachments";
import { jsonBody, requestJson } from "../../shared/http";
import { NumberInput, SaveBar, TextInput, useServerErrors } from "../app/forms";
import { useAttachmentLimits } from "./Attachments";

const MB = 1024 * 1024;

/** The typed list as the server takes it: lower case, no dots, each once. */
const extensionsOf = (typed: string) => [
  ...new Set(
    typed
      .split(/[\s,、，]+/)
      .map((word) => word.replace(/^\./, "").toLowerCase())
      .filter(Boolean),
  ),
];

export function AttachmentLimitsScreen() {
  const limits = useAttachmentLimits();
  // The form starts once the limits are known, from what they are.
  return limits ? <LimitsForm limits={limits} /> : null;
}

function LimitsForm({ limits }: { limits: AttachmentLimits }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = (current: AttachmentLimits) => ({
    megabytes: Math.max(1, Math.round(current.maxBytes / MB)) as number | null,
    extensions: current.extensions.join(", "),
  });
  const [draft, setDraft] = useState(() => saved(limits));
  const change = useMutation({
    mutationFn: (body: AttachmentLimits) =>
      requestJson<AttachmentLimitsResponse>("/api/attachment-limits", jsonBody("PUT", body)),
    onSuccess: (answer) => {
      queryClient.setQueryData(["attachment-limits"], answer);
      setDraft(saved(answer.limits));
    },
  });
  const server = useServerErrors(change.error);
  // A refused extension is reported by its place in the list: shown on the list's field.
  const serverExtensions = Object.entries(server.fields).find(([name]) =>
    name.startsWith("extensions"),
  )?.[1];
  const extensions = extensionsOf(draft.extensions);
  const forbidden = extensions.filter((extension) => neverAllowed.includes(extension));
  const malformed = extensions.filter((extension) => !/^[a-z0-9]{1,10}$/.test(extension));
  const clientError =
    extensions.length === 0
      ? t("fieldError.required")
      : forbidden.length > 0
        ? t("attachmentLimits.neverAllowed", { extensions: forbidden.join(", ") })
        : malformed.length > 0
          ? t("attachmentLimits.malformed", { extensions: malformed.join(", ") })
          : undefined;
  const extensionError = clientError ?? serverExtensions;
  const errors = {
    ...server.fields,
    ...(extensionError ? { extensions: extensionError } : {}),
  };
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved(limits));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.megabytes === null || clientError) return;
    change.mutate({ maxBytes: draft.megabytes * MB, extensions });
  };
  return (
    <form className="admin-screen" onSubmit={submit}>
      <h2>{t("attachmentLimits.title")}</h2>
      <p className="lead">{t("attachmentLimits.lead")}</p>
      <NumberInput
        name="maxBytes"
        label={t("attachmentLimits.maxSize")}
        description={t("attachmentLimits.maxSizeHelp", { max: MAX_ATTACHMENT_BYTES_CEILING / MB })}
        errors={errors}
        value={draft.megabytes}
        onChange={(megabytes) => setDraft((current) => ({ ...current, megabytes }))}
        minValue={1}
        maxValue={MAX_ATTACHMENT_BYTES_CEILING / MB}
      />
      <TextInput
        name="extensions"
        label={t("attachmentLimits.extensions")}
        description={t("attachmentLimits.extensionsHelp")}
        errors={errors}
        value={draft.extensions}
        onChange={(typed) => setDraft((current) => ({ ...current, extensions: typed }))}
      />
      <SaveBar
        dirty={dirty}
        saving={change.isPending}
        saved={change.isSuccess}
        formError={server.form}
        invalid={draft.megabytes === null || clientError !== undefined}
      />
    </form>
  );
}
