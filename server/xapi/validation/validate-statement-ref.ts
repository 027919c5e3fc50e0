/** Data §2.4.4.3 Statement References. */
import { isUuid } from './formats.ts';
import { checkFormat, checkObject, report, requireProperty, type Checker } from './problems.ts';

const STATEMENT_REF_KEYS = ['objectType', 'id'] as const;

/** objectType is exactly "StatementRef"; id is a UUID. */
export function validateStatementRef(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, STATEMENT_REF_KEYS)) return;
  if (value.objectType !== 'StatementRef') report(checker, `${path}.objectType`, 'must be "StatementRef"');
  if (requireProperty(checker, value, 'id', path)) checkFormat(checker, value.id, `${path}.id`, isUuid, 'a UUID');
}
