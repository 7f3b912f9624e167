/**
 * One statistics table as an .xlsx file, written as the history's export writes its cells
 * (docs/decisions.md 44): every value a string, a number or empty, never a formula object, so
 * that a name beginning with = + - @ stays text. A table has at most a few hundred rows: the
 * workbook is built in memory.
 */
import type { Language } from "../../shared/domain.js";
import type {
  OperatorFigures,
  StatisticsFigures,
  StatisticsResponse,
  StatisticsTable,
} from "../../shared/statistics.js";
import { type StatisticsLabels, statisticsLabels } from "./labels.js";

type Cell = string | number | null;

/** Seconds and averages to a tenth, a rate as a percentage to a tenth: what the screen shows. */
const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

const secondsColumns = (labels: StatisticsLabels, what: "firstReply" | "duration") => [
  `${labels[what]}: ${labels.mean}`,
  `${labels[what]}: ${labels.median}`,
  `${labels[what]}: ${labels.p90}`,
];

function figureHeaders(labels: StatisticsLabels): string[] {
  return [
    labels.requested,
    labels.processed,
    labels.abandoned,
    labels.neverOpened,
    labels.notAnswered,
    labels.processingRate,
    ...secondsColumns(labels, "firstReply"),
    ...secondsColumns(labels, "duration"),
    labels.rated,
    labels.satisfaction,
    ...[1, 2, 3, 4, 5].map((score) => labels.stars.replace("{{count}}", String(score))),
  ];
}

function figureCells(figures: StatisticsFigures): Cell[] {
  const { firstReply, duration, satisfaction } = figures;
  return [
    figures.requested,
    figures.processed,
    figures.abandoned,
    figures.neverOpened,
    figures.notAnswered,
    tenth(figures.processingRate === null ? null : figures.processingRate * 100),
    tenth(firstReply.mean),
    tenth(firstReply.median),
    tenth(firstReply.p90),
    tenth(duration.mean),
    tenth(duration.median),
    tenth(duration.p90),
    satisfaction.rated,
    tenth(satisfaction.average),
    ...satisfaction.distribution,
  ];
}

function operatorCells(row: OperatorFigures, labels: StatisticsLabels): Cell[] {
  return [
    row.operator?.name ?? labels.unassigned,
    row.held,
    row.processed,
    row.abandoned,
    row.neverOpened,
    row.notAnswered,
    tenth(row.firstReply.mean),
    tenth(row.firstReply.median),
    tenth(row.firstReply.p90),
    row.rated,
    tenth(row.satisfaction),
  ];
}

/** The table's header and rows, in the language asked. */
export function tableRows(
  statistics: StatisticsResponse,
  table: StatisticsTable,
  language: Language,
): Cell[][] {
  const labels = statisticsLabels[language];
  const figures = figureHeaders(labels);
  switch (table) {
    case "periods":
      return [
        [labels.periodStart, labels.periodEnd, ...figures],
        ...statistics.periods.map((row) => [row.start, row.end, ...figureCells(row.figures)]),
      ];
    case "hours":
      return [
        [labels.hour, ...figures],
        ...statistics.hours.map((row) => [`${row.hour}:00`, ...figureCells(row.figures)]),
      ];
    case "weekdays":
      return [
        [labels.weekday, ...figures],
        ...statistics.weekdays.map((row) => [
          labels.weekdays[row.weekday - 1] ?? "",
          ...figureCells(row.figures),
        ]),
      ];
    case "operators":
      return [
        [
          labels.operator,
          labels.held,
          labels.processed,
          labels.abandoned,
          labels.neverOpened,
          labels.notAnswered,
          ...secondsColumns(labels, "firstReply"),
          labels.rated,
          labels.satisfaction,
        ],
        ...statistics.operators.map((row) => operatorCells(row, labels)),
      ];
    case "processingTypes": {
      const nameOf = (names: Record<string, string | undefined>) =>
        names[language] ?? Object.values(names)[0] ?? "";
      const drilled = statistics.processingTypePath.map((type) => nameOf(type.names));
      return [
        [labels.processingType, ...figures],
        ...statistics.processingTypes.map((row) => [
          row.type
            ? [...drilled, nameOf(row.type.names)].join(" > ")
            : drilled.length > 0
              ? `${drilled.join(" > ")} (${labels.ownChats})`
              : labels.unclassified,
          ...figureCells(row.figures),
        ]),
      ];
    }
  }
}

/** The file's bytes: one sheet named for the table, with the service and period above it. */
export async function statisticsWorkbook(
  statistics: StatisticsResponse,
  table: StatisticsTable,
  language: Language,
): Promise<Buffer> {
  const labels = statisticsLabels[language];
  // Loaded at the first export: exceljs holds 27 MB resident once imported.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(labels.tables[table]);
  sheet.addRow([labels.service, statistics.service.name]);
  sheet.addRow([labels.period, `${statistics.from} – ${statistics.to}`]);
  sheet.addRow([labels.timeZone, statistics.service.timeZone]);
  sheet.addRow([]);
  for (const row of tableRows(statistics, table, language)) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
