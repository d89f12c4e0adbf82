// The funding charts, drawn with Recharts and loaded lazily (Recharts is
// large): secured funding per period in the reporting currency with the
// period where the cliff falls marked, and the level of funding in force
// month by month as a step line against the threshold, the cliff marked.
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPoint, InForcePoint } from './funding';
import { formatMoney } from '../../lib/money';

const PRIMARY = '#0b5394';
const DANGER = '#b3261e';

const TICK = { fill: '#1a1f24', fontSize: 12 };

function compactMoney(currency: string) {
  const f = new Intl.NumberFormat('en-GB', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  return (v: number) => f.format(v);
}

/** Funding in force each month as a step line, the threshold dashed, months below it in red, the cliff marked. */
export function InForceChart({ points, currency, threshold, cliffLabel }: { points: InForcePoint[]; currency: string; threshold: string | null; cliffLabel: string | null }) {
  const limit = threshold == null ? null : Number(threshold);
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={points} margin={{ top: 24, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" minTickGap={16} />
        <YAxis
          tickFormatter={compactMoney(currency)}
          tick={TICK}
          width={64}
          domain={[0, (dataMax: number) => Math.max(dataMax, limit ?? 0) * 1.1 || 1]}
        />
        <Tooltip formatter={(_v, _n, item) => [formatMoney((item.payload as InForcePoint).exact, currency), 'In force all month']} />
        {limit != null && (
          <ReferenceLine y={limit} stroke={DANGER} strokeDasharray="6 4" label={{ value: 'Threshold', position: 'insideTopRight', fill: DANGER, fontSize: 12 }} />
        )}
        {cliffLabel && <ReferenceLine x={cliffLabel} stroke={DANGER} strokeWidth={2} label={{ value: 'Cliff', position: 'top', fill: DANGER, fontSize: 12 }} />}
        <Line
          type="stepAfter"
          dataKey="amount"
          name="Funding in force"
          stroke={PRIMARY}
          strokeWidth={3}
          isAnimationActive={false}
          dot={(props: { cx?: number; cy?: number; index?: number; payload?: InForcePoint }) => (
            <circle key={props.index} cx={props.cx} cy={props.cy} r={4} fill={props.payload?.below ? DANGER : PRIMARY} stroke="#fff" strokeWidth={1} />
          )}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

export default function FundingChart({ points, currency, cliffLabel }: { points: ChartPoint[]; currency: string; cliffLabel: string | null }) {
  const compact = new Intl.NumberFormat('en-GB', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={points} margin={{ top: 24, right: 8, bottom: 8, left: 8 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fill: '#1a1f24', fontSize: 12 }} interval="preserveStartEnd" />
        <YAxis tickFormatter={(v: number) => compact.format(v)} tick={{ fill: '#1a1f24', fontSize: 12 }} width={64} />
        <Tooltip formatter={(_v, _n, item) => [formatMoney((item.payload as ChartPoint).exact, currency), 'Secured']} />
        <Bar dataKey="amount" name="Secured funding" isAnimationActive={false}>
          {points.map((p) => (
            <Cell key={p.label} fill={p.cliff ? DANGER : PRIMARY} />
          ))}
        </Bar>
        {cliffLabel && <ReferenceLine x={cliffLabel} stroke={DANGER} strokeWidth={2} label={{ value: 'Cliff', position: 'top', fill: DANGER, fontSize: 12 }} />}
      </BarChart>
    </ResponsiveContainer>
  );
}
