/**
 * A PostgreSQL array literal (`{"a",NULL,"b"}`) for one bind parameter, cast in SQL
 * (`${arrayLiteral(ids)}::uuid[]`). With `unnest` a whole batch travels in a few parameters
 * whatever its size, and the same prepared statement serves every batch. Passed as text because
 * the drivers disagree on array parameters (drizzle's postgres.js setup sends them unserialised).
 */
export function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${String(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)).join(',')}}`;
}
