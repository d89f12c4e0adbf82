// The funding timeline, drawn with Recharts: secured funding per period in
// the reporting currency, the programme's threshold as a line and the
// period where the cliff falls marked. Loaded lazily (Recharts is large).
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPoint } from './funding';
import { formatMoney } from '../../lib/money';

const PRIMARY = '#0b5394';
const DANGER = '#b3261e';

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
