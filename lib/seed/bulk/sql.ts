/**
 * SQL text builders for the bulk seed. Every "random" value is a hash of a key (a ticket number,
 * a customer index, …) and a salt, computed by PostgreSQL itself (`hashint8extended`, stable across
 * platforms): the same arguments give the same database, run after run, with no value shipped
 * from JavaScript row by row. All literals are our own constants, quoted here.
 */

export const lit = (value: string): string => `'${value.replace(/'/g, "''")}'`;
export const textArray = (values: readonly string[]): string => `ARRAY[${values.map(lit).join(',')}]::text[]`;
export const intArray = (values: readonly number[]): string =>
  `ARRAY[${values.map((v) => Math.trunc(v)).join(',')}]::int[]`;
export const uuidArray = (values: readonly string[]): string => `ARRAY[${values.map(lit).join(',')}]::uuid[]`;
/** A rectangular 2-D text array (PostgreSQL needs every row the same length). */
export const textMatrix = (rows: readonly (readonly string[])[]): string =>
  `ARRAY[${rows.map((r) => `ARRAY[${r.map(lit).join(',')}]`).join(',')}]::text[]`;
export const timestamp = (at: Date): string => `${lit(at.toISOString())}::timestamptz`;

/** A uniform float in [0, 1) from an integer key and a salt. */
export const rnd = (key: string, salt: number): string =>
  `((hashint8extended((${key})::bigint, ${salt}) & 9007199254740991)::float8 / 9007199254740992.0)`;

/** A version-4-shaped UUID from an integer key (zod's `z.uuid()` checks the version and variant bits). */
export const uuidOf = (key: string, salt: number): string =>
  `(lpad(to_hex((hashint8extended((${key})::bigint, ${salt}) & -61441) | 16384), 16, '0')` +
  ` || lpad(to_hex((hashint8extended((${key})::bigint, ${salt + 1}) & 4611686018427387903) | (-9223372036854775807::bigint - 1)), 16, '0'))::uuid`;

/** `CASE WHEN u < c1 THEN v1 …`: picks a value by weight with a uniform `u` (a column, read once per branch). */
export function weighted(u: string, options: readonly (readonly [value: string | number, weight: number])[]): string {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const branches = options.slice(0, -1).map(([value, weight]) => {
    cumulative += weight;
    return `WHEN ${u} < ${cumulative / total} THEN ${value}`;
  });
  const last = options[options.length - 1];
  if (!last) throw new Error('weighted() needs at least one option');
  return `(CASE ${branches.join(' ')} ELSE ${last[0]} END)`;
}

/** An element of a SQL array expression of `length` elements, uniformly or skewed to the front (`skew` > 1). */
export const pick = (array: string, length: number, u: string, skew = 1): string =>
  `(${array})[1 + floor(${skew === 1 ? u : `power(${u}, ${skew})`} * ${length})::int]`;

/** A standard normal deviate from two uniforms (Box–Muller). */
export const normal = (u1: string, u2: string): string =>
  `(sqrt(-2 * ln(greatest(${u1}, 1e-12))) * cos(2 * pi() * ${u2}))`;

export const hours = (value: string): string => `((${value}) * interval '1 hour')`;
