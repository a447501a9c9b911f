/**
 * The domain tags a matter, a policy or a mediator's expertise carries
 * (土地, 邻里纠纷, 社保 …): one list for every kind, so that a matter can be
 * matched with the mediators and policies of its domain.
 */

/** Domain tags (a report carries at least one; mediators list their expertise in them). */
export const DOMAIN_TAGS = [
  'land',
  'neighbour_dispute',
  'social_security',
  'housing',
  'health',
  'employment',
  'education',
  'elderly_care',
  'infrastructure',
  'environment',
  'other',
] as const
/** A domain tag. */
export type DomainTag = (typeof DOMAIN_TAGS)[number]
