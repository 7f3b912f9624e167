import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { HistoryStatus } from "../../shared/history";
import type { OperatorFigures, StatisticsFigures } from "../../shared/statistics";
import { useStatisticsWords } from "./words";

export interface FiguresRow {
  key: string;
  label: ReactNode;
  figures: StatisticsFigures;
  /** The history's conditions for this row's chats: its counts then open the list. */
  history?: Record<string, string>;
}

/** A header over both header rows, or (`span`) over its group's columns in the second. */
function Head(props: { children: ReactNode; span?: number; label?: boolean }) {
  return props.span ? (
    <th scope="colgroup" colSpan={props.span}>
      {props.children}
    </th>
  ) : (
    <th scope="col" rowSpan={2} className={props.label ? "label" : undefined}>
      {props.children}
    </th>
  );
}

/** Where the abandoned chats were lost: their total, then each way. */
function AbandonedHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col">{t("statistics.abandoned")}</th>
      <th scope="col">{t("statistics.neverOpened")}</th>
      <th scope="col">{t("statistics.notAnswered")}</th>
    </>
  );
}

function SatisfactionHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col">{t("statistics.average")}</th>
      <th scope="col">{t("statistics.rated")}</th>
    </>
  );
}

/** Times as a support lead compares them: the median and the 90th percentile first. */
function TimeHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col">{t("statistics.median")}</th>
      <th scope="col">{t("statistics.p90")}</th>
      <th scope="col">{t("statistics.mean")}</th>
    </>
  );
}

function TimeCells(props: { times: StatisticsFigures["firstReply"] }) {
  const words = useStatisticsWords();
  return (
    <>
      <td className="figure">{words.seconds(props.times.median)}</td>
      <td className="figure">{words.seconds(props.times.p90)}</td>
      <td className="figure">{words.seconds(props.times.mean)}</td>
    </>
  );
}

/** A count that opens the history for the same conditions, when the row has them. */
function Count(props: { value: number; history?: Record<string, string>; status?: HistoryStatus }) {
  const { t } = useTranslation();
  const words = useStatisticsWords();
  if (!props.history || props.value === 0) return <>{words.count(props.value)}</>;
  const query = new URLSearchParams({
    ...props.history,
    ...(props.status ? { status: props.status } : {}),
  });
  return (
    <Link to={`/history?${query}`} title={t("statistics.openInHistory")}>
      {words.count(props.value)}
    </Link>
  );
}

/** A table of figures, one row per period, hour, weekday or processing type. */
export function FiguresTable(props: { labelHeader: string; rows: FiguresRow[]; caption: string }) {
  const { t } = useTranslation();
  const words = useStatisticsWords();
  return (
    <div className="statistics-table-wrap">
      <table className="statistics-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <Head label>{props.labelHeader}</Head>
            <Head>{t("statistics.requested")}</Head>
            <Head>{t("statistics.processed")}</Head>
            <Head span={3}>{t("statistics.abandoned")}</Head>
            <Head>{t("statistics.processingRate")}</Head>
            <Head span={3}>{t("statistics.firstReply")}</Head>
            <Head span={3}>{t("statistics.duration")}</Head>
            <Head span={2}>{t("statistics.satisfaction")}</Head>
          </tr>
          <tr>
            <AbandonedHeaders />
            <TimeHeaders />
            <TimeHeaders />
            <SatisfactionHeaders />
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ key, label, figures, history }) => (
            <tr key={key} className={figures.requested === 0 ? "quiet" : undefined}>
              <th scope="row" className="label">
                {label}
              </th>
              <td className="figure">
                <Count value={figures.requested} history={history} />
              </td>
              <td className="figure">
                <Count value={figures.processed} history={history} status="processed" />
              </td>
              <td className="figure">
                <Count value={figures.abandoned} history={history} status="unprocessed" />
              </td>
              <td className="figure">
                <Count value={figures.neverOpened} history={history} status="never_opened" />
              </td>
              <td className="figure">
                <Count value={figures.notAnswered} history={history} status="not_answered" />
              </td>
              <td className="figure">{words.rate(figures.processingRate)}</td>
              <TimeCells times={figures.firstReply} />
              <TimeCells times={figures.duration} />
              <td className="figure">{words.average(figures.satisfaction.average)}</td>
              <td className="figure">{words.count(figures.satisfaction.rated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each operator's chats and what was credited to them. */
export function OperatorsTable(props: { rows: OperatorFigures[]; caption: string }) {
  const { t } = useTranslation();
  const words = useStatisticsWords();
  return (
    <div className="statistics-table-wrap">
      <table className="statistics-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <Head label>{t("statistics.operator")}</Head>
            <Head>{t("statistics.held")}</Head>
            <Head>{t("statistics.processed")}</Head>
            <Head span={3}>{t("statistics.abandoned")}</Head>
            <Head span={3}>{t("statistics.firstReply")}</Head>
            <Head span={2}>{t("statistics.satisfaction")}</Head>
          </tr>
          <tr>
            <AbandonedHeaders />
            <TimeHeaders />
            <SatisfactionHeaders />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.operator?.id ?? "unassigned"}>
              <th scope="row" className="label">
                {row.operator?.name ?? t("statistics.unassigned")}
              </th>
              <td className="figure">{words.count(row.held)}</td>
              <td className="figure">{words.count(row.processed)}</td>
              <td className="figure">{words.count(row.abandoned)}</td>
              <td className="figure">{words.count(row.neverOpened)}</td>
              <td className="figure">{words.count(row.notAnswered)}</td>
              <TimeCells times={row.firstReply} />
              <td className="figure">{words.average(row.satisfaction)}</td>
              <td className="figure">{words.count(row.rated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
