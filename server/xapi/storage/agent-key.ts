/**
 * The canonical key of an Agent or identified Group by its inverse functional identifier (xAPI
 * Data §2.4.2.3): exactly one of mbox, mbox_sha1sum, openid, account. Used to index and match
 * agents; mbox is compared case-insensitively in its domain only as the spec's IRI rules allow,
 * so it is kept verbatim here.
 */
export function agentKey(agent: unknown): string | undefined {
  if (typeof agent !== 'object' || agent === null) return undefined;
  const value = agent as Record<string, unknown>;
  if (typeof value.mbox === 'string') return `mbox:${value.mbox}`;
  if (typeof value.mbox_sha1sum === 'string') return `sha1:${value.mbox_sha1sum.toLowerCase()}`;
  if (typeof value.openid === 'string') return `openid:${value.openid}`;
  const account = value.account as Record<string, unknown> | undefined;
  if (account !== undefined && typeof account.homePage === 'string' && typeof account.name === 'string') {
    return `account:${account.homePage}|${account.name}`;
  }
  return undefined;
}

/** Keys of an agent or group and, for a group, of its members (related_agents matches both). */
export function agentKeys(agent: unknown): string[] {
  const keys: string[] = [];
  const own = agentKey(agent);
  if (own !== undefined) keys.push(own);
  const members = (agent as { member?: unknown } | null)?.member;
  if (Array.isArray(members)) for (const member of members) keys.push(...agentKeys(member));
  return keys;
}
