/**
 * Communication §3.3 Versioning: the `X-Experience-API-Version` header. Every request except to
 * the About resource must carry it (missing → 400); this LRS accepts 1.0.0–1.0.3 and 2.0.0 and
 * answers with the latest patch of the requested family.
 */
import type { XapiVersionFamily } from './types.ts';

export const VERSION_HEADER = 'X-Experience-API-Version';
export const SUPPORTED_VERSIONS = ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'] as const;
/** The header value of responses, per family (Communication §3.3.s3.b1/b2: the latest patch). */
export const RESPONSE_VERSION: Readonly<Record<XapiVersionFamily, string>> = { '1.0': '1.0.3', '2.0': '2.0.0' };

export type VersionResult = { ok: true; version: string; family: XapiVersionFamily } | { ok: false; message: string };

/** `isAboutResource`: About is the one resource reachable without the header (§2.8.s5.b4). */
export function parseVersionHeader(header: string | undefined, isAboutResource = false): VersionResult {
  if (header === undefined || header.trim() === '') {
    if (isAboutResource) return { ok: true, version: RESPONSE_VERSION['2.0'], family: '2.0' };
    return { ok: false, message: `${VERSION_HEADER}: header is required` };
  }
  const version = header.trim();
  if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
    return { ok: false, message: `${VERSION_HEADER}: must be one of ${SUPPORTED_VERSIONS.join(', ')}` };
  }
  const family: XapiVersionFamily = version.startsWith('2.') ? '2.0' : '1.0';
  return { ok: true, version, family };
}
