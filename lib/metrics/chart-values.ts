/**
 * A figure as the dashboard plots it and its CSV gives it: rounded to one decimal (null, no data,
 * stays null: a gap in a chart, an empty cell in a CSV). One rule, so a CSV equals its chart.
 */
export const oneDecimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;
