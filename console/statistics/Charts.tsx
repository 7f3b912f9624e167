/**
 * The statistics' charts (recharts 3, its accessibility layer on: the keyboard moves through the
 * bars and the tooltip reads each out). Loaded only when the statistics screen shows them, so the
 * rest of the console never carries the library. Each chart's figures are the table beside it.
 */
import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface OutcomePoint {
  label: string;
  processed: number;
  notAnswered: number;
  neverOpened: number;
}

/** Blue for answered, amber and grey for the two ways a chat was lost: apart in hue and in
 *  lightness, so they stay apart for colour-blind readers and in greyscale. */
const colours = { processed: "#1f4e79", notAnswered: "#e08a00", neverOpened: "#9aa3ad" };

const axis = { fontSize: 12, fill: "#5b6673" };

/** Each period's chats as one bar: processed, opened but not answered, never opened. */
export function OutcomeChart(props: { title: string; points: OutcomePoint[] }) {
  const { t } = useTranslation();
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={props.points} title={props.title} margin={{ top: 8, right: 8, left: -16 }}>
        <CartesianGrid vertical={false} stroke="#e4e8ec" />
        <XAxis dataKey="label" tick={axis} interval="preserveStartEnd" minTickGap={8} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {(["processed", "notAnswered", "neverOpened"] as const).map((key) => (
          <Bar
            key={key}
            dataKey={key}
            name={t(`statistics.${key}`)}
            stackId="chats"
            fill={colours[key]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** How many chats were rated 1 to 5. */
export function SatisfactionChart(props: { title: string; distribution: number[] }) {
  const { t } = useTranslation();
  const points = props.distribution.map((count, index) => ({
    label: t("statistics.stars", { count: index + 1 }),
    count,
  }));
  return (
    <ResponsiveContainer width="100%" height={200}>
      <BarChart data={points} title={props.title} margin={{ top: 8, right: 8, left: -16 }}>
        <CartesianGrid vertical={false} stroke="#e4e8ec" />
        <XAxis dataKey="label" tick={axis} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip />
        <Bar
          dataKey="count"
          name={t("statistics.rated")}
          fill={colours.processed}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
