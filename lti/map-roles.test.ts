import { describe, expect, it } from 'vitest';
import { mapRolesToFace, summariseRoles } from './map-roles.ts';
import type { LtiFace } from './map-roles.ts';

const CONTEXT = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person#';

/** [roles, face on an ordinary platform, face on the NALAS platform] */
const TABLE: [string[], LtiFace, LtiFace][] = [
  [[`${CONTEXT}Learner`], 'learner', 'learner'],
  [[`${CONTEXT}Instructor`], 'trainer', 'trainer'],
  [[`${CONTEXT}TeachingAssistant`], 'trainer', 'trainer'],
  [['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'], 'trainer', 'trainer'],
  [[`${CONTEXT}ContentDeveloper`], 'trainer', 'trainer'],
  [[`${CONTEXT}Administrator`], 'trainer', 'trainer'],
  [[`${CONTEXT}Mentor`], 'learner', 'learner'],
  [['http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#NonCreditLearner'], 'learner', 'learner'],
  [[`${INSTITUTION}Administrator`], 'trainer', 'staff'],
  [[`${SYSTEM}Administrator`], 'trainer', 'staff'],
  [[`${INSTITUTION}Administrator`, `${CONTEXT}Learner`], 'trainer', 'staff'],
  [[`${INSTITUTION}Student`, `${CONTEXT}Learner`], 'learner', 'learner'],
  [[`${INSTITUTION}Instructor`, `${CONTEXT}Learner`], 'learner', 'learner'],
  [[`${SYSTEM}User`], 'learner', 'learner'],
  [['Instructor'], 'trainer', 'trainer'],
  [['Learner'], 'learner', 'learner'],
  [['urn:lti:role:ims/lis/Instructor'], 'trainer', 'trainer'],
  [['urn:lti:role:ims/lis/Instructor/TeachingAssistant'], 'trainer', 'trainer'],
  [['urn:lti:instrole:ims/lis/Administrator'], 'trainer', 'staff'],
  [['urn:lti:sysrole:ims/lis/Administrator'], 'trainer', 'staff'],
  [[], 'learner', 'learner'],
  [['https://example.org/custom-role#Instructor'], 'learner', 'learner'],
];

describe('mapRolesToFace', () => {
  it.each(TABLE)('%j → %s (ordinary), %s (NALAS)', (roles, ordinary, nalas) => {
    expect(mapRolesToFace(roles, { isNalasPlatform: false })).toBe(ordinary);
    expect(mapRolesToFace(roles, { isNalasPlatform: true })).toBe(nalas);
  });
});

describe('summariseRoles', () => {
  it('folds a sub-role into its principal role and flags administrators', () => {
    const summary = summariseRoles([
      'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
      `${SYSTEM}Administrator`,
    ]);
    expect([...summary.contextRoles].sort()).toEqual(['Instructor', 'TeachingAssistant']);
    expect(summary.isSystemAdministrator).toBe(true);
    expect(summary.isInstitutionAdministrator).toBe(false);
  });
});
