/** Data §4.1 Extensions and §4.2 Language Maps, used throughout a Statement. */
import { isIri, isLanguageTag } from './formats.ts';
import { checkString, describeType, isPlainObject, report, type Checker } from './problems.ts';

/** Data §4.2: keys are RFC 5646 tags (Data §2.2.s4.b2), values are strings. */
export function validateLanguageMap(checker: Checker, value: unknown, path: string): void {
  if (!isPlainObject(value)) {
    report(checker, path, `must be a language map (an object), got ${describeType(value)}`);
    return;
  }
  for (const [tag, text] of Object.entries(value)) {
    if (!isLanguageTag(tag)) report(checker, `${path}.${tag}`, 'key must be an RFC 5646 language tag');
    checkString(checker, text, `${path}.${tag}`);
  }
}

/** Data §4.1: keys are IRIs; values are never a reason to reject (§4.1.s3.b2), null included. */
export function validateExtensions(checker: Checker, value: unknown, path: string): void {
  if (!isPlainObject(value)) {
    report(checker, path, `must be an object, got ${describeType(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!isIri(key)) report(checker, `${path}.${key}`, 'key must be an IRI');
  }
}
