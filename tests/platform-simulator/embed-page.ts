import type { ServerResponse } from 'node:http';

import { escapeHtml, htmlPage, sendHtml } from './http.ts';
import { STORAGE_KEYS_PER_ORIGIN_MAX, STORAGE_VALUE_LENGTH_MAX } from './limits.ts';
import { loginParametersOf } from './login-initiation.ts';
import type { PlatformState } from './platform-state.ts';

/** Name of the frame the tool runs in; `lti_storage_target` is `_parent` (this page). */
export const TOOL_FRAME_NAME = 'lti-tool-frame';

/**
 * The platform side of LTI platform storage (Client Side postMessages: lti.capabilities,
 * lti.put_data, lti.get_data, each answered with `<subject>.response`). Only messages from the
 * tool's frame and the tool's origins are answered, and data is kept per origin so one tool never
 * reads another's. Everything seen is exposed on `window.platformSimulator` for assertions.
 */
function storageScript(toolOrigins: string[], isStorageOffered: boolean): string {
  return `
const toolOrigins = ${JSON.stringify(toolOrigins)};
const simulator = { isStorageOffered: ${JSON.stringify(isStorageOffered)}, received: [], answered: [], ignored: [], data: {} };
window.platformSimulator = simulator;
const frame = document.querySelector('iframe[name="${TOOL_FRAME_NAME}"]');
window.addEventListener('message', (event) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null || typeof message.subject !== 'string') return;
  simulator.received.push({ origin: event.origin, message });
  const subject = message.subject.replace(/^org\\.imsglobal\\./, '');
  if (!simulator.isStorageOffered || event.source !== frame.contentWindow || !toolOrigins.includes(event.origin)) {
    simulator.ignored.push({ origin: event.origin, subject: message.subject });
    return;
  }
  const answer = (body) => {
    const response = { subject: message.subject + '.response', message_id: message.message_id, ...body };
    simulator.answered.push(response);
    event.source.postMessage(response, event.origin);
  };
  const fail = (code, text) => answer({ error: { code, message: text } });
  const store = (simulator.data[event.origin] ??= {});
  if (subject === 'lti.capabilities') {
    return answer({ supported_messages: [{ subject: 'lti.capabilities' }, { subject: 'lti.put_data' }, { subject: 'lti.get_data' }] });
  }
  if (subject !== 'lti.put_data' && subject !== 'lti.get_data') return fail('unsupported_subject', 'unsupported subject ' + message.subject);
  if (typeof message.message_id !== 'string' && typeof message.message_id !== 'number') return fail('bad_request', 'message_id is missing');
  if (typeof message.key !== 'string' || message.key === '') return fail('bad_request', 'key is missing');
  if (subject === 'lti.get_data') return answer({ key: message.key, value: store[message.key] });
  if (typeof message.value !== 'string' || message.value.length > ${STORAGE_VALUE_LENGTH_MAX}) return fail('bad_request', 'value must be a string of at most ${STORAGE_VALUE_LENGTH_MAX} characters');
  if (!(message.key in store) && Object.keys(store).length >= ${STORAGE_KEYS_PER_ORIGIN_MAX}) return fail('storage_exhausted', 'too many keys for this origin');
  store[message.key] = message.value;
  return answer({ key: message.key, value: message.value });
});
document.getElementById('lti-login-form').submit();
`;
}

/** A course page that launches the tool in an iframe (third-party initiated login by form post). */
export function sendEmbedPage(state: PlatformState, response: ServerResponse, url: URL): void {
  const launch = state.findPendingLaunchById(url.searchParams.get('launch') ?? '');
  if (launch === undefined) {
    sendHtml(response, 404, htmlPage('No such launch', '<h1>No such launch</h1><p>Prepare one with prepareEmbeddedLaunch.</p>'));
    return;
  }
  const tool = state.tools.get(launch.clientId);
  if (tool === undefined) throw new Error('the launch names a tool the platform no longer knows');
  const parameters = loginParametersOf(state, launch, tool);
  const inputs = Object.entries(parameters)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const toolOrigins = [...new Set([new URL(tool.loginUrl).origin, new URL(tool.launchUrl).origin])];
  const body = [
    `<h1>Course page</h1>`,
    `<form id="lti-login-form" method="post" action="${escapeHtml(tool.loginUrl)}" target="${TOOL_FRAME_NAME}">\n${inputs}\n</form>`,
    `<iframe name="${TOOL_FRAME_NAME}" title="Course activity" style="inline-size: 100%; block-size: 80vh; border: 0" allow="fullscreen"></iframe>`,
  ].join('\n');
  sendHtml(response, 200, htmlPage('Simulated Moodle course page', body, storageScript(toolOrigins, launch.storageTarget !== undefined)));
}
