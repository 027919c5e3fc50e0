/**
 * Maps LIS role URIs (LTI Core 1.3 §5.3.7 and Appendix A.2) to the three faces of the tool.
 *
 * Precedence, highest first:
 *   1. `staff`   — an institution or system Administrator (A.2.1, A.2.2) from a platform flagged
 *                  as NALAS. Staff see statistics across every economy, so only the NALAS
 *                  platform can grant it, and only with a role above the course (a context
 *                  Administrator administers one course, not the programme).
 *   2. `trainer` — a context Instructor, TeachingAssistant (also as the sub-role
 *                  `membership/Instructor#TeachingAssistant`), ContentDeveloper or Administrator;
 *                  and an institution or system Administrator of any other platform: the
 *                  administrator of a training centre's LMS already sees these grades there.
 *   3. `learner` — everyone else: Learner, Mentor (a mentor watches named learners; giving a
 *                  mentor a cohort dashboard would show them people they do not mentor), guests,
 *                  and an empty roles array (an anonymous launch, §5.3.7 allows it).
 */
export type LtiFace = 'learner' | 'trainer' | 'staff';

export interface RoleSummary {
  /** Context roles, sub-roles folded into their principal role's set as well as their own name. */
  contextRoles: ReadonlySet<string>;
  isInstitutionAdministrator: boolean;
  isSystemAdministrator: boolean;
}

/** A platform may send any number of roles; more than this is not a real person's role list. */
export const ROLES_COUNT_MAX = 100;

const LIS_V2 = 'http://purl.imsglobal.org/vocab/lis/v2/';
const CONTEXT_PREFIX = `${LIS_V2}membership#`;
const CONTEXT_SUB_ROLE_PREFIX = `${LIS_V2}membership/`;
const INSTITUTION_PREFIX = `${LIS_V2}institution/person#`;
const SYSTEM_PREFIX = `${LIS_V2}system/person#`;
/** LTI 1.1 URNs that some platforms still send (Core 1.3 A.2.4 "deprecated role vocabularies"). */
const LEGACY_CONTEXT_PREFIX = 'urn:lti:role:ims/lis/';
const LEGACY_INSTITUTION_PREFIX = 'urn:lti:instrole:ims/lis/';
const LEGACY_SYSTEM_PREFIX = 'urn:lti:sysrole:ims/lis/';

const TRAINER_CONTEXT_ROLES = new Set(['Instructor', 'TeachingAssistant', 'ContentDeveloper', 'Administrator']);

/** Reads a roles claim into context roles and the two administrator flags. */
export function summariseRoles(roles: readonly string[]): RoleSummary {
  const contextRoles = new Set<string>();
  let isInstitutionAdministrator = false;
  let isSystemAdministrator = false;
  for (const role of roles.slice(0, ROLES_COUNT_MAX)) {
    if (role.startsWith(INSTITUTION_PREFIX) || role.startsWith(LEGACY_INSTITUTION_PREFIX)) {
      if (afterLast(role, role.startsWith(INSTITUTION_PREFIX) ? '#' : '/') === 'Administrator') isInstitutionAdministrator = true;
    } else if (role.startsWith(SYSTEM_PREFIX) || role.startsWith(LEGACY_SYSTEM_PREFIX)) {
      const name = afterLast(role, role.startsWith(SYSTEM_PREFIX) ? '#' : '/');
      if (name === 'Administrator' || name === 'SysAdmin') isSystemAdministrator = true;
    } else {
      for (const name of contextRoleNames(role)) contextRoles.add(name);
    }
  }
  return { contextRoles, isInstitutionAdministrator, isSystemAdministrator };
}

/**
 * The context role names one role string stands for. A sub-role
 * (`…/membership/Instructor#TeachingAssistant`) stands for itself and its principal role
 * (Core 1.3 A.2.3.1: a sub-role is to be read together with its principal role).
 */
function contextRoleNames(role: string): string[] {
  if (role.startsWith(CONTEXT_PREFIX)) return [role.slice(CONTEXT_PREFIX.length)];
  if (role.startsWith(CONTEXT_SUB_ROLE_PREFIX)) {
    const [principal = '', sub = ''] = role.slice(CONTEXT_SUB_ROLE_PREFIX.length).split('#');
    return sub.length > 0 ? [principal, sub] : [principal];
  }
  if (role.startsWith(LEGACY_CONTEXT_PREFIX)) {
    // urn:lti:role:ims/lis/Instructor/TeachingAssistant → Instructor, TeachingAssistant
    return role.slice(LEGACY_CONTEXT_PREFIX.length).split('/').filter((name) => name.length > 0);
  }
  // Core 1.3 A.2.3: the short context role names ("Instructor", "Learner") are still accepted.
  if (/^[A-Za-z]+$/.test(role)) return [role];
  return [];
}

function afterLast(value: string, separator: string): string {
  return value.slice(value.lastIndexOf(separator) + 1);
}

/** The face a launch lands on; see the precedence at the top of this file. */
export function mapRolesToFace(roles: readonly string[], options: { isNalasPlatform: boolean }): LtiFace {
  const summary = summariseRoles(roles);
  const isPlatformAdministrator = summary.isInstitutionAdministrator || summary.isSystemAdministrator;
  if (options.isNalasPlatform && isPlatformAdministrator) return 'staff';
  if ([...summary.contextRoles].some((name) => TRAINER_CONTEXT_ROLES.has(name))) return 'trainer';
  if (isPlatformAdministrator) return 'trainer';
  return 'learner';
}
