export const CERN_PATTERN = /^CERN-(\d{4})-(\d{6})$/;

/** `CERN-YYYY-NNNNNN`: the year the exception was raised and its sequence within that year. */
export function formatCern(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`CERN year out of range: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999)
    throw new RangeError(`CERN sequence out of range: ${sequence}`);
  return `CERN-${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseCern(value: string): { year: number; sequence: number } | null {
  const match = CERN_PATTERN.exec(value.trim().toUpperCase());
  if (!match) return null;
  const sequence = Number(match[2]);
  return sequence >= 1 ? { year: Number(match[1]), sequence } : null;
}
