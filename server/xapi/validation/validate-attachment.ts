/** Data §2.4.11 Attachments (the metadata in the Statement; the parts are checked in attachments/). */
import { isIri, isIrl, isMediaType, isSha2Hex } from './formats.ts';
import { checkArray, checkFormat, checkObject, report, requireProperty, type Checker } from './problems.ts';
import { validateLanguageMap } from './validate-common.ts';

const ATTACHMENT_KEYS = ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'] as const;

function validateAttachment(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, ATTACHMENT_KEYS)) return;
  if (requireProperty(checker, value, 'usageType', path)) {
    checkFormat(checker, value.usageType, `${path}.usageType`, isIri, 'an IRI');
  }
  if (requireProperty(checker, value, 'display', path)) validateLanguageMap(checker, value.display, `${path}.display`);
  if ('description' in value) validateLanguageMap(checker, value.description, `${path}.description`);
  if (requireProperty(checker, value, 'contentType', path)) {
    checkFormat(checker, value.contentType, `${path}.contentType`, isMediaType, 'an Internet Media Type');
  }
  if (requireProperty(checker, value, 'length', path) && !(Number.isSafeInteger(value.length) && (value.length as number) >= 0)) {
    report(checker, `${path}.length`, 'must be a non-negative integer');
  }
  if (requireProperty(checker, value, 'sha2', path)) {
    checkFormat(checker, value.sha2, `${path}.sha2`, isSha2Hex, 'a hex-encoded SHA-2 hash');
  }
  if ('fileUrl' in value) checkFormat(checker, value.fileUrl, `${path}.fileUrl`, isIrl, 'an IRL');
}

export function validateAttachments(checker: Checker, value: unknown, path: string): void {
  if (!checkArray(checker, value, path)) return;
  value.forEach((attachment, index) => validateAttachment(checker, attachment, `${path}[${index}]`));
}
