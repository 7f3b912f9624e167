import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Checkbox, ProgressBar } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ExportJob } from "../../shared/history";
import { jsonBody, requestJson } from "../../shared/http";
import { pickLanguage } from "../../shared/languages";
import type { Conditions } from "./api";

/** Export to Excel: the chats the current conditions list, written on the server (rows done of
 *  total while it works), then downloaded; cancellable until then. */
export function ExportControl({ conditions }: { conditions: Conditions }) {
  const { t, i18n } = useTranslation();
  const [withMessages, setWithMessages] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () =>
      requestJson<ExportJob>(
        "/api/history/exports",
        jsonBody("POST", {
          conditions,
          withMessages,
          language: pickLanguage([i18n.language]),
        }),
      ),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ["history-export", jobId],
    enabled: jobId !== null,
    queryFn: () => requestJson<ExportJob>(`/api/history/exports/${jobId}`),
    refetchInterval: (query) => (query.state.data?.state === "running" ? 500 : false),
    retry: false,
  });
  const cancel = useMutation({
    mutationFn: (id: string) =>
      requestJson<void>(`/api/history/exports/${id}`, { method: "DELETE" }),
    onSettled: () => setJobId(null),
  });
  const current = jobId ? job.data : undefined;
  const running = start.isPending || current?.state === "running" || (jobId !== null && !current);

  return (
    <div className="history-export">
      <Checkbox
        className="checkbox"
        isSelected={withMessages}
        onChange={setWithMessages}
        isDisabled={running || jobId !== null}
      >
        <span className="checkbox-box" aria-hidden />
        {t("history.export.withMessages")}
      </Checkbox>
      {!jobId && (
        <Button onPress={() => start.mutate()} isDisabled={start.isPending}>
          {t("history.export.start")}
        </Button>
      )}
      {current?.state === "running" && (
        <ProgressBar
          className="history-export-progress"
          value={current.done}
          maxValue={Math.max(current.total, 1)}
          valueLabel={t("history.export.progress", { done: current.done, total: current.total })}
        >
          {({ percentage, valueText }) => (
            <>
              <span className="history-export-label">{valueText}</span>
              <span className="history-export-bar" aria-hidden>
                <span style={{ width: `${percentage ?? 0}%` }} />
              </span>
            </>
          )}
        </ProgressBar>
      )}
      {current?.state === "done" && (
        <a
          className="button primary"
          href={`/api/history/exports/${current.id}/file`}
          download="chat-history.xlsx"
        >
          {t("history.export.download")}
        </a>
      )}
      {jobId && (
        <Button onPress={() => cancel.mutate(jobId)} isDisabled={cancel.isPending}>
          {current?.state === "running" ? t("history.export.cancel") : t("history.export.close")}
        </Button>
      )}
      <span role="status" className="muted">
        {(start.isError || job.isError || current?.state === "failed") &&
          t("history.export.failed")}
      </span>
    </div>
  );
}
