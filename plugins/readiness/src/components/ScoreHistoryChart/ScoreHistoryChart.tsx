import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import {
  HistoryPoint,
  LAYER_TITLES,
  LAYERS,
} from '@254carbon/plugin-readiness-common';
import { formatPercent } from '../common/format';
import { VisuallyHidden } from '../common/StatusIcon';

const WIDTH = 600;
const HEIGHT = 200;
const PAD = { top: 10, right: 10, bottom: 24, left: 36 };

interface Series {
  key: string;
  label: string;
  color: string;
  dash?: string;
  value: (p: HistoryPoint) => number | null;
}

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  axisText: { fill: theme.palette.text.secondary, fontSize: 11 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: { verticalAlign: 'middle', marginRight: theme.spacing(0.5) },
}));

/**
 * Overall and per-layer score over time as a small SVG line chart. Screen readers get the same
 * data as a table; distinct dash patterns keep the lines apart without relying on colour.
 */
export function ScoreHistoryChart(props: {
  points: HistoryPoint[];
  title?: string;
}) {
  const { points } = props;
  const title = props.title ?? 'Readiness score over time';
  const classes = useStyles();
  const theme = useTheme();
  const titleId = useId();
  const series: Series[] = [
    {
      key: 'overall',
      label: 'Overall',
      color: theme.palette.primary.main,
      value: p => p.overall,
    },
    ...LAYERS.map((layer, i) => ({
      key: layer,
      label: LAYER_TITLES[layer],
      color: [
        theme.palette.secondary.main,
        theme.palette.info.main,
        theme.palette.success.main,
      ][i],
      dash: ['6 3', '2 3', '8 3 2 3'][i],
      value: (p: HistoryPoint) => p.layers[layer] ?? null,
    })),
  ];

  const sorted = [...points].sort((a, b) =>
    a.measuredAt.localeCompare(b.measuredAt),
  );
  if (sorted.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: the chart fills in as sweeps measure this entity.
      </Typography>
    );
  }
  const times = sorted.map(p => Date.parse(p.measuredAt));
  const t0 = times[0];
  const t1 = times[times.length - 1];
  const x = (t: number) =>
    PAD.left +
    (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) =>
    PAD.top + (1 - v / 100) * (HEIGHT - PAD.top - PAD.bottom);

  // A null (nothing scored) breaks the line rather than drawing it through zero.
  const segments = (s: Series) => {
    const result: string[] = [];
    let current: string[] = [];
    sorted.forEach((p, i) => {
      const v = s.value(p);
      if (v === null) {
        if (current.length) result.push(current.join(' '));
        current = [];
      } else {
        current.push(`${x(times[i]).toFixed(1)},${y(v).toFixed(1)}`);
      }
    });
    if (current.length) result.push(current.join(' '));
    return result;
  };
  const date = (iso: string) =>
    DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED);
  const dateTime = (iso: string) =>
    DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);

  return (
    <Box>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
      >
        <title id={titleId}>
          {`${title}, ${date(sorted[0].measuredAt)} to ${date(
            sorted[sorted.length - 1].measuredAt,
          )}; latest overall ${formatPercent(
            sorted[sorted.length - 1].overall,
          )}`}
        </title>
        {[0, 50, 100].map(v => (
          <g key={v}>
            <line
              className={classes.grid}
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(v)}
              y2={y(v)}
            />
            <text
              className={classes.axisText}
              x={PAD.left - 6}
              y={y(v) + 4}
              textAnchor="end"
            >
              {v}%
            </text>
          </g>
        ))}
        <text className={classes.axisText} x={PAD.left} y={HEIGHT - 6}>
          {date(sorted[0].measuredAt)}
        </text>
        <text
          className={classes.axisText}
          x={WIDTH - PAD.right}
          y={HEIGHT - 6}
          textAnchor="end"
        >
          {date(sorted[sorted.length - 1].measuredAt)}
        </text>
        {series.map(s =>
          segments(s).map((pointsAttr, i) =>
            pointsAttr.includes(' ') ? (
              <polyline
                key={`${s.key}-${i}`}
                data-series={s.key}
                points={pointsAttr}
                fill="none"
                stroke={s.color}
                strokeWidth={s.key === 'overall' ? 2.5 : 1.5}
                strokeDasharray={s.dash}
              />
            ) : (
              <circle
                key={`${s.key}-${i}`}
                data-series={s.key}
                cx={pointsAttr.split(',')[0]}
                cy={pointsAttr.split(',')[1]}
                r={3}
                fill={s.color}
              />
            ),
          ),
        )}
      </svg>
      <Box className={classes.legend} aria-hidden>
        {series.map(s => (
          <Typography key={s.key} variant="caption">
            <svg width="24" height="8" className={classes.swatch}>
              <line
                x1="0"
                x2="24"
                y1="4"
                y2="4"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dash}
              />
            </svg>
            {s.label}
          </Typography>
        ))}
      </Box>
      <VisuallyHidden>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Measured</th>
              {series.map(s => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map(p => (
              <tr key={p.measuredAt}>
                <th scope="row">{dateTime(p.measuredAt)}</th>
                {series.map(s => (
                  <td key={s.key}>{formatPercent(s.value(p))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Box>
  );
}
