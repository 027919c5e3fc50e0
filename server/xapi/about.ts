/** Communication §2.8 About resource: the versions this LRS speaks. */
import type { About } from './types.ts';
import { SUPPORTED_VERSIONS } from './version.ts';

/** The About document; `extensions` (IRI keys, Data §4.1) are the caller's to add. */
export function describeAbout(extensions?: Record<string, unknown>): About {
  const about: About = { version: [...SUPPORTED_VERSIONS] };
  if (extensions !== undefined && Object.keys(extensions).length > 0) about.extensions = extensions;
  return about;
}
