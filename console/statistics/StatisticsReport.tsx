import { Component, lazy, type ReactNode, Suspense } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { StatisticsResponse, StatisticsTable } from "../../shared/statistics";
import { typeName } from "../history/names";
import { exportUrl, type StatisticsView } from "./api";
import type { OutcomePoint } from "./Charts";
import { type FiguresRow, FiguresTable, OperatorsTable } from "./FiguresTable";
import { Summary } from "./Summary";
import { useStatisticsWords } from "./words";

// The chart library is loaded with the first chart, never with the console.
const OutcomeChart = lazy(() => import("./Charts").then((m) => ({ default: m.OutcomeChart })));
const SatisfactionChart = lazy(() =>
  import("./Charts").then((m) => ({ default: m.SatisfactionChart })),
);

/** The figures of one service and period: the summary, then a section per table. */
export function StatisticsReport(props: {
  statistics: StatisticsResponse;
  view: StatisticsView;
  stale: boolean;
  onDrill: (processingTypeId: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const words = useStatisticsWords();
  const language = i18n.resolvedLanguage ?? "en";
  const { statistics, view } = props;
  const service = { serviceId: statistics.service.id };
  const periodRows: FiguresRow[] = statistics.periods.map((row) => ({
    key: row.start,
    label: words.period(row.start, row.end, statistics.granularity),
    figures: row.figures,
    history: { ...service, from: row.start, to: row.end },
  }));
  const section = (table: StatisticsTable, title: string, chart: ReactNode, body: ReactNode) => (
    <section className="statistics-section" aria-labelledby={`statistics-${table}`}>
      <div className="statistics-section-head">
        <h2 id={`statistics-${table}`}>{title}</h2>
        <a
          className="button"
          href={exportUrl(view, table, language)}
          download
          aria-label={t("statistics.exportOf", { title })}
        >
          {t("statistics.export")}
        </a>
      </div>
      {chart && (
        <figure className="statistics-chart">
          <figcaption className="visually-hidden">{t("statistics.chartOf", { title })}</figcaption>
          <ChartBoundary>
            <Suspense fallback={<p className="muted">{t("statistics.chartsLoading")}</p>}>
              {chart}
            </Suspense>
          </ChartBoundary>
        </figure>
      )}
      {body}
    </section>
  );
  const points = (rows: FiguresRow[]): OutcomePoint[] =>
    rows.map((row) => ({
      label: String(row.label),
      processed: row.figures.processed,
      notAnswered: row.figures.notAnswered,
      neverOpened: row.figures.neverOpened,
    }));
  const hourRows = statistics.hours.map((row) => ({
    key: String(row.hour),
    label: words.hour(row.hour),
    figures: row.figures,
  }));
  const weekdayRows = statistics.weekdays.map((row) => ({
    key: String(row.weekday),
    label: words.weekday(row.weekday),
    figures: row.figures,
  }));
  const empty = statistics.total.requested === 0;

  return (
    <div className={`statistics-report ${props.stale ? "stale" : ""}`}>
      <p className="statistics-note">
        {t("statistics.timeZone", { zone: statistics.service.timeZone })}
      </p>
      {empty ? (
        <p className="statistics-empty">{t("statistics.empty")}</p>
      ) : (
        <>
          <Summary
            figures={statistics.total}
            history={{ ...service, from: view.from, to: view.to }}
          />
          {section(
            "periods",
            t("statistics.byPeriod"),
            <OutcomeChart title={t("statistics.byPeriod")} points={points(periodRows)} />,
            <FiguresTable
              caption={t("statistics.byPeriod")}
              labelHeader={t("statistics.period")}
              rows={periodRows}
            />,
          )}
          {section(
            "hours",
            t("statistics.byHour"),
            <OutcomeChart title={t("statistics.byHour")} points={points(hourRows)} />,
            <FiguresTable
              caption={t("statistics.byHour")}
              labelHeader={t("statistics.hour")}
              rows={hourRows}
            />,
          )}
          {section(
            "weekdays",
            t("statistics.byWeekday"),
            <OutcomeChart
              title={t("statistics.byWeekday")}
              points={points(weekdayRows).map((point, index) => ({
                ...point,
                label: words.weekdayShort(index + 1),
              }))}
            />,
            <FiguresTable
              caption={t("statistics.byWeekday")}
              labelHeader={t("statistics.weekday")}
              rows={weekdayRows}
            />,
          )}
          <section className="statistics-section" aria-labelledby="statistics-satisfaction">
            <h2 id="statistics-satisfaction">{t("statistics.satisfactionDistribution")}</h2>
            <figure className="statistics-chart narrow">
              <figcaption className="visually-hidden">
                {t("statistics.chartOf", { title: t("statistics.satisfactionDistribution") })}
              </figcaption>
              <ChartBoundary>
                <Suspense fallback={<p className="muted">{t("statistics.chartsLoading")}</p>}>
                  <SatisfactionChart
                    title={t("statistics.satisfactionDistribution")}
                    distribution={statistics.total.satisfaction.distribution}
                  />
                </Suspense>
              </ChartBoundary>
            </figure>
            <table className="statistics-table narrow">
              <caption className="visually-hidden">
                {t("statistics.satisfactionDistribution")}
              </caption>
              <thead>
                <tr>
                  {[1, 2, 3, 4, 5].map((score) => (
                    <th key={score} scope="col">
                      {t("statistics.stars", { count: score })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {statistics.total.satisfaction.distribution.map((count, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the index is the score
                    <td key={index} className="figure">
                      {words.count(count)}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </section>
          {section(
            "operators",
            t("statistics.byOperator"),
            null,
            <>
              <p className="statistics-note">{t("statistics.operatorCredit")}</p>
              <OperatorsTable caption={t("statistics.byOperator")} rows={statistics.operators} />
            </>,
          )}
          {section(
            "processingTypes",
            t("statistics.byProcessingType"),
            null,
            <ProcessingTypes statistics={statistics} onDrill={props.onDrill} />,
          )}
        </>
      )}
    </div>
  );
}

/** The processing types' table: the path drilled into, and a row per type below it. */
function ProcessingTypes(props: {
  statistics: StatisticsResponse;
  onDrill: (processingTypeId: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const { statistics } = props;
  const path = statistics.processingTypePath;
  const drilled = path.at(-1);
  const rows: FiguresRow[] = statistics.processingTypes.map(({ type, figures }) => {
    if (!type) {
      return {
        key: "own",
        label: drilled
          ? t("statistics.ownChats", { name: typeName(drilled.names, language) })
          : t("statistics.unclassified"),
        figures,
      };
    }
    const name = typeName(type.names, language);
    return {
      key: type.id,
      label: type.hasChildren ? (
        <Button
          className="link-button"
          aria-label={t("statistics.drillDown", { name })}
          onPress={() => props.onDrill(type.id)}
        >
          {name} ›
        </Button>
      ) : (
        name
      ),
      figures,
      history: {
        serviceId: statistics.service.id,
        from: statistics.from,
        to: statistics.to,
        processingTypeId: type.id,
      },
    };
  });
  return (
    <>
      {path.length > 0 && (
        <nav className="statistics-path" aria-label={t("statistics.processingType")}>
          <Button className="link-button" onPress={() => props.onDrill(undefined)}>
            {t("statistics.allTypes")}
          </Button>
          {path.map((type, index) => (
            <span key={type.id}>
              {" › "}
              {index === path.length - 1 ? (
                <span aria-current="location">{typeName(type.names, language)}</span>
              ) : (
                <Button className="link-button" onPress={() => props.onDrill(type.id)}>
                  {typeName(type.names, language)}
                </Button>
              )}
            </span>
          ))}
        </nav>
      )}
      <FiguresTable
        caption={t("statistics.byProcessingType")}
        labelHeader={t("statistics.processingType")}
        rows={rows}
      />
    </>
  );
}

/** A chart that cannot load (the chunk failed, an old tab after a deploy) leaves the tables. */
class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <ChartsFailed /> : this.props.children;
  }
}

function ChartsFailed() {
  const { t } = useTranslation();
  return <p className="muted">{t("statistics.chartsFailed")}</p>;
}
