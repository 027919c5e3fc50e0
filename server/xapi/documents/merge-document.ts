/**
 * Communication §2.2 (Document Resources), POST semantics: when both the stored document and the
 * posted one are JSON objects, the LRS merges them one level deep (top-level properties of the
 * new document replace those of the old); otherwise the request is a 400.
 */
export type MergeResult = { ok: true; merged: Record<string, unknown> } | { ok: false; message: string };

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `isJson*` say whether each side's Content-Type is application/json. */
export function mergeJsonDocuments(
  existing: { text: string; isJson: boolean } | undefined,
  posted: { text: string; isJson: boolean },
): MergeResult {
  const postedObject = posted.isJson ? parseObject(posted.text) : undefined;
  if (postedObject === undefined) {
    if (existing === undefined) return { ok: false, message: 'document: POST without a stored document needs a JSON object; use PUT otherwise' };
    return { ok: false, message: 'document: POST merges JSON objects only; the posted document is not one' };
  }
  if (existing === undefined) return { ok: true, merged: postedObject };
  const existingObject = existing.isJson ? parseObject(existing.text) : undefined;
  if (existingObject === undefined) return { ok: false, message: 'document: the stored document is not a JSON object, so it cannot be merged' };
  return { ok: true, merged: { ...existingObject, ...postedObject } };
}
