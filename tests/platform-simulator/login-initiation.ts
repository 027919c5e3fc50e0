import type { PendingLaunch } from './platform-state.ts';
import type { PlatformState } from './platform-state.ts';
import type { ToolClient } from './records.ts';
import { tamperLoginParameters } from './tamper.ts';
import { MESSAGE_TYPE } from './vocabulary.ts';

/** The target_link_uri of a launch: explicit, or the tool's default for its message type. */
export function targetLinkUriOf(launch: PendingLaunch, tool: ToolClient): string {
  if (launch.targetLinkUri !== undefined) return launch.targetLinkUri;
  return launch.claimsOptions.messageType === MESSAGE_TYPE.deepLinkingRequest ? tool.deepLinkingUrl : tool.launchUrl;
}

/**
 * Third-party initiated login parameters (Security Framework §5.1.1.1, LTI Core §4.1), plus
 * `lti_storage_target` when the launch offers platform storage (Client Side postMessages).
 */
export function loginParametersOf(state: PlatformState, launch: PendingLaunch, tool: ToolClient): Record<string, string> {
  const parameters: Record<string, string> = {
    iss: state.identity.issuer,
    login_hint: launch.loginHint,
    target_link_uri: targetLinkUriOf(launch, tool),
    lti_message_hint: launch.messageHint,
    lti_deployment_id: launch.claimsOptions.deploymentId ?? tool.deploymentIds[0] ?? '',
    client_id: tool.clientId,
  };
  if (launch.storageTarget !== undefined) parameters.lti_storage_target = launch.storageTarget;
  return tamperLoginParameters(parameters, launch.tamper);
}
