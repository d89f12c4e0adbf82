// The representation charts, drawn with Recharts (loaded lazily: Recharts
// is large). The figures are also in tables next to each chart.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarRow, RatePoint } from './representation';
import { SERIES_COLOURS } from './representation';

const TICK = { fill: '#1a1f24', fontSize: 12 };

/** Invited / accepted / attended per group × sector as grouped bars. */
export function RepresentationBars({ rows }: { rows: BarRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(260, 48 * rows.length + 60)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={TICK} />
        <YAxis type="category" dataKey="label" tick={TICK} width={150} />
        <Tooltip />
        <Legend />
        <Bar dataKey="invited" name="Invited" fill="#5f6b76" isAnimationActive={false} />
        <Bar dataKey="accepted" name="Accepted" fill="#0b5394" isAnimationActive={false} />
        <Bar dataKey="attended" name="Attended" fill="#1b7a3a" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Attendance rate (%) per organisation over the occurrences. */
export function RateLines({ points, series }: { points: RatePoint[]; series: { id: string; name: string }[] }) {
  return (
    <ResponsiveContainer width="100%" height={300 + 22 * Math.ceil(series.length / 3)}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={TICK} width={48} />
        <Tooltip formatter={(v) => `${String(v)}%`} />
        <Legend />
        {series.map((s, i) => (
          <Line
            key={s.id}
            type="linear"
            dataKey={s.id}
            name={s.name}
            stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
            strokeWidth={2}
            strokeDasharray={i >= SERIES_COLOURS.length ? '5 3' : undefined}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

