import type { TFunction } from "i18next";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { ApiError } from "../../shared/http";
import type { FieldErrors } from "../app/forms";
import { conditionsOf, queryOf, useHistory } from "./api";
import { ExportControl } from "./ExportControl";
import { HistoryList } from "./HistoryList";
import { HistoryPanel } from "./HistoryPanel";
import { SearchForm } from "./SearchForm";
import "./history.css";
import { loadFailedKey } from "../app/load-failed";

/** Chat history: the conditions live in the URL (a search can be shared, a reload keeps it), the
 *  chats found below them, and a clicked chat's record in a panel on the right. */
export function HistoryScreen() {
  const { t } = useTranslation();
  const { chatId } = useParams();
  const [params, setParams] = useSearchParams();
  const conditions = conditionsOf(params);
  const found = useHistory(conditions);
  const chats = found.data?.pages.flatMap((page) => page.chats) ?? [];
  const errors = fieldErrors(found.error, t);
  const refused = Object.keys(errors).length > 0;

  return (
    <div className={`history ${chatId ? "with-chat" : ""}`}>
      <section className="history-main" aria-labelledby="history-title">
        <h1 id="history-title">{t("history.title")}</h1>
        {/* A new form per URL: going back or forward shows that search's conditions. The keys
            differ from the export's: siblings with one key are not replaced, but kept twice. */}
        <SearchForm
          key={`search ${params.toString()}`}
          conditions={conditions}
          errors={errors}
          onSearch={(next) => setParams(queryOf(next))}
        />
        {!refused && <ExportControl key={`export ${params.toString()}`} conditions={conditions} />}
        <div className="history-results" aria-live="polite" aria-busy={found.isFetching}>
          {found.isPending ? (
            <p className="muted">{t("app.loading")}</p>
          ) : refused ? (
            <p className="muted">{t("history.fixConditions")}</p>
          ) : found.isError ? (
            <p role="alert" className="problem">
              {t(loadFailedKey(found.error))}{" "}
              <Button className="link-button" onPress={() => found.refetch()}>
                {t("history.retry")}
              </Button>
            </p>
          ) : chats.length === 0 ? (
            <p className="history-empty">
              {Object.keys(conditions).length > 0 ? t("history.noMatch") : t("history.empty")}
            </p>
          ) : (
            <>
              <HistoryList chats={chats} openId={chatId} />
              {found.hasNextPage && (
                <Button
                  className="history-more"
                  onPress={() => found.fetchNextPage()}
                  isDisabled={found.isFetchingNextPage}
                >
                  {found.isFetchingNextPage ? t("app.loading") : t("history.more")}
                </Button>
              )}
            </>
          )}
        </div>
      </section>
      {chatId && <HistoryPanel key={chatId} chatId={chatId} />}
    </div>
  );
}

/** A condition the server refused, under its field, in the operator's language. */
function fieldErrors(error: unknown, t: TFunction): FieldErrors {
  if (!(error instanceof ApiError) || !error.field?.startsWith("querystring.")) return {};
  const field = error.field.slice("querystring.".length);
  const message =
    (field === "words" || field === "customer") && error.reason === "too_short"
      ? t("history.wordsTooShort", { limit: error.limit })
      : t(`fieldError.${error.reason ?? "invalid"}`, { limit: error.limit });
  return { [field]: message };
}
