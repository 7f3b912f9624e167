import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { StatisticsFigures } from "../../shared/statistics";
import { useStatisticsWords } from "./words";

/** The period at a glance: what was asked, what was answered, what was lost and where, how long
 *  people waited and talked, and how they rated it. */
export function Summary(props: { figures: StatisticsFigures; history: Record<string, string> }) {
  const { t } = useTranslation();
  const words = useStatisticsWords();
  const { figures } = props;
  const historyOf = (status?: string) =>
    `/history?${new URLSearchParams({ ...props.history, ...(status ? { status } : {}) })}`;
  // The median as the figure; the 90th percentile and the mean under it (never a mean alone).
  // With no chat to time, the figure's dash alone: "90% within —" says nothing.
  const times = (value: StatisticsFigures["firstReply"]) => (
    <>
      <dd className="tile-figure">{words.seconds(value.median)}</dd>
      {value.median !== null && (
        <>
          <dd>{t("statistics.medianLine")}</dd>
          <dd>{t("statistics.p90Line", { value: words.seconds(value.p90) })}</dd>
          <dd>{t("statistics.meanLine", { value: words.seconds(value.mean) })}</dd>
        </>
      )}
    </>
  );
  return (
    <section aria-label={t("statistics.summary")}>
      <dl className="statistics-tiles">
        <div className="tile">
          <dt>{t("statistics.requested")}</dt>
          <dd className="tile-figure">
            <Link to={historyOf()} title={t("statistics.openInHistory")}>
              {words.count(figures.requested)}
            </Link>
          </dd>
        </div>
        <div className="tile">
          <dt>{t("statistics.processed")}</dt>
          <dd className="tile-figure">
            <Link to={historyOf("processed")} title={t("statistics.openInHistory")}>
              {words.count(figures.processed)}
            </Link>
          </dd>
          <dd>
            {t("statistics.processingRate")} {words.rate(figures.processingRate)}
          </dd>
        </div>
        <div className="tile">
          <dt>{t("statistics.abandoned")}</dt>
          <dd className="tile-figure">
            <Link to={historyOf("unprocessed")} title={t("statistics.openInHistory")}>
              {words.count(figures.abandoned)}
            </Link>
          </dd>
          <dd>
            {t("statistics.abandonedSplit", {
              neverOpened: words.count(figures.neverOpened),
              notAnswered: words.count(figures.notAnswered),
            })}
          </dd>
        </div>
        <div className="tile">
          <dt>{t("statistics.firstReply")}</dt>
          {times(figures.firstReply)}
        </div>
        <div className="tile">
          <dt>{t("statistics.duration")}</dt>
          {times(figures.duration)}
        </div>
        <div className="tile">
          <dt>{t("statistics.satisfaction")}</dt>
          <dd className="tile-figure">{words.average(figures.satisfaction.average)}</dd>
          <dd>{t("statistics.satisfactionLine", { count: figures.satisfaction.rated })}</dd>
        </div>
      </dl>
    </section>
  );
}
