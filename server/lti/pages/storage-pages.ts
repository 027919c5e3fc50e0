import type { FastifyReply, FastifyRequest } from 'fastify';

import { escapeHtml } from '../../../lti/index.ts';
import { hashValue } from '../login-states.ts';
import { pageLocaleOf, pageText } from './page-text.ts';
import { scriptValue, sendPage } from './render-page.ts';

/** How long a page waits for the platform's answer to an `lti.*_data` message. */
const PLATFORM_STORAGE_TIMEOUT_MS = 2000;

/**
 * Shared script: posts one LTI platform storage message (LTI Client Side postMessages,
 * `lti.put_data` / `lti.get_data`) to the frame the platform named in `lti_storage_target`, and
 * resolves with the matching `.response` from the platform's origin, or null on timeout/error.
 */
function storageScript(target: string, platformOrigin: string): string {
  return `function ltiStorage(message){return new Promise(function(resolve){
var host=window.parent!==window?window.parent:window.opener;var frame=null;
try{frame=${scriptValue(target)}==='_parent'?host:host.frames[${scriptValue(target)}];}catch(e){}
if(!frame){resolve(null);return;}
var id='m'+Math.random().toString(36).slice(2);var done=false;
function finish(value){if(done)return;done=true;window.removeEventListener('message',listen);resolve(value);}
function listen(event){if(event.origin!==${scriptValue(platformOrigin)})return;var data=event.data||{};
if(data.message_id!==id||data.subject!==message.subject+'.response')return;finish(data.error?null:data);}
window.addEventListener('message',listen);message.message_id=id;
try{frame.postMessage(message,${scriptValue(platformOrigin)});}catch(e){finish(null);}
setTimeout(function(){finish(null);},${PLATFORM_STORAGE_TIMEOUT_MS});});}`;
}

/** The key of a state in platform storage: short, whatever the state's length. */
export function storageKey(state: string): string {
  return `lti_state_${hashValue(state).slice(0, 32)}`;
}

/**
 * Login step when the platform offers storage: keep the state's browser binding (the value the
 * state cookie carries) in the platform's storage, where it survives blocked third-party cookies,
 * then continue to the platform's authorisation endpoint with a GET.
 */
export function sendStoreStateAndRedirect(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { storageTarget: string; platformOrigin: string; state: string; browserBinding: string; redirectUrl: string },
): FastifyReply {
  const locale = pageLocaleOf(request);
  const text = pageText(locale);
  return sendPage(request, reply, 200, {
    lang: locale,
    title: text.signingIn,
    bodyHtml: `<h1>${escapeHtml(text.signingIn)}</h1><p><a href="${escapeHtml(input.redirectUrl)}">${escapeHtml(text.continueLink)}</a></p>`,
    script: `${storageScript(input.storageTarget, input.platformOrigin)}
ltiStorage({subject:'lti.put_data',key:${scriptValue(storageKey(input.state))},value:${scriptValue(input.browserBinding)}})
.then(function(){location.replace(${scriptValue(input.redirectUrl)});});`,
  });
}

/**
 * Launch step without a state cookie: read the browser binding back from platform storage and
 * post it with the state to /lti/launch/confirm, which releases the hand-off only if it matches.
 * The launch's language goes along, for the hand-off page and the app.
 */
export function sendConfirmFromStorage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { storageTarget: string; platformOrigin: string; state: string; handoffCode: string; locale: string | undefined },
): FastifyReply {
  const locale = pageLocaleOf(request, input.locale);
  const text = pageText(locale);
  const launchLocale = input.locale === undefined ? '' : `<input type="hidden" name="locale" value="${escapeHtml(input.locale)}">`;
  return sendPage(request, reply, 200, {
    lang: locale,
    title: text.opening,
    bodyHtml: `<h1>${escapeHtml(text.opening)}</h1>
<form id="confirm" method="post" action="/lti/launch/confirm"><input type="hidden" name="handoff" value="${escapeHtml(input.handoffCode)}">
<input type="hidden" name="state" value="${escapeHtml(input.state)}"><input type="hidden" name="binding" value="">${launchLocale}</form>`,
    script: `${storageScript(input.storageTarget, input.platformOrigin)}
ltiStorage({subject:'lti.get_data',key:${scriptValue(storageKey(input.state))}}).then(function(answer){
var form=document.getElementById('confirm');form.elements.binding.value=answer&&typeof answer.value==='string'?answer.value:'';form.submit();});`,
  });
}

/**
 * Neither a state cookie nor platform storage reached us (a browser that blocks cookies in
 * frames, a platform without storage): offer to run the launch again in a window of its own,
 * where the cookie is first-party.
 */
export function sendOpenInNewWindow(request: FastifyRequest, reply: FastifyReply, loginParameters: Record<string, string> | undefined): FastifyReply {
  const locale = pageLocaleOf(request);
  const text = pageText(locale);
  const heading = `<h1>${escapeHtml(text.newWindowTitle)}</h1>`;
  if (loginParameters === undefined) {
    // The platform's hints were too long to travel in the state: the learner starts again from the course.
    return sendPage(request, reply, 200, { lang: locale, title: text.newWindowTitle, bodyHtml: `${heading}\n<p>${escapeHtml(text.newWindowReopen)}</p>` });
  }
  const inputs = Object.entries(loginParameters)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return sendPage(request, reply, 200, {
    lang: locale,
    title: text.newWindowTitle,
    bodyHtml: `${heading}\n<p>${escapeHtml(text.newWindowText)}</p>
<form method="get" action="/lti/login" target="_blank">${inputs}<button type="submit">${escapeHtml(text.newWindowButton)}</button></form>`,
  });
}
