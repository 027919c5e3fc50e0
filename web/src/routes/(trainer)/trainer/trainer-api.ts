import { request } from '$lib/api/client.ts';

// The trainer face's endpoints, through the one request function of the web app. Here rather
// than in client.ts: the learner's pages do not carry them.

export interface RosterMember {
  userId: string;
  name: string | null;
  face: 'learner' | 'trainer' | 'staff';
  status: 'active' | 'inactive';
  source: 'launch' | 'roster';
  lastLaunchAt: string | null;
}

export const trainerApi = {
  roster: () => request<{ members: RosterMember[] }>('GET', '/api/trainer/roster'),
  refreshRoster: () => request<{ members: number; isTruncated: boolean; syncedAt: string }>('POST', '/api/trainer/roster/refresh', {}),
  bindActivity: (input: { courseId: string; moduleId?: string }) =>
    request<{ courseId: string; moduleId?: string; title: string }>('POST', '/api/trainer/resource-link', input),
  returnContentToLms: (items: Array<{ courseId: string; moduleId?: string }>) =>
    request<{ continueUrl: string }>('POST', '/api/lti/deep-linking/response', { items }),
};
