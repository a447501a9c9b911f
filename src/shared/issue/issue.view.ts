/**
 * What each viewer may see of an issue report: the resident's name and phone
 * masked for those not handling the matter, and a private matter's text and
 * media kept from those outside the point-to-point handling.
 */
import { isWithin } from '../org/org-path.ts'
import type { Viewer } from '../sync/record-kind.ts'
import type { IssueData } from './issue.schema.ts'
import { withoutResidentMedia } from './issue.media.ts'

/**
 * '张三' → '张**': keeps the first character (usually the surname) and hides
 * the rest behind a fixed two stars, so the mask does not reveal the length.
 */
export function maskName(name: string): string {
  const [first] = Array.from(name.trim())
  return first === undefined ? '' : `${first}**`
}

/**
 * '13812341234' → '138****1234'; a landline '023-12345678' → '023****5678'.
 * Anything shorter than 8 characters is hidden entirely.
 */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone.trim())
  if (chars.length < 8) return '****'
  return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`
}

/**
 * True when `viewer` may see the resident's name, phone and location: the
 * grid worker and village cadre of the issue's own grid and village, the
 * township only once the matter was escalated to it, a department only once
 * it was dispatched to it. Mediators, county staff and administrators get
 * masked data (county oversight works on statistics, not on residents).
 */
export function canSeePersonalData(data: IssueData, viewer: Viewer): boolean {
  switch (viewer.role) {
    case 'grid_worker':
    case 'village_cadre':
      return isWithin(data.orgPath, viewer.orgPath)
    case 'township_staff':
      return data.escalatedToTownship === viewer.orgPath
    case 'department_staff':
      return data.assignedDepartment === viewer.orgPath
    case 'deputy':
      // Handling the matter: the deputy raised it and heard it in person.
      return data.deputy?.unitPath === viewer.orgPath
    case 'mediator':
    case 'county_staff':
    case 'admin':
      return false
  }
}

/** What a mediator sees instead of the content of a private matter. */
export const PRIVATE_PLACEHOLDER = '涉及个人隐私，点对点办理'

/**
 * The issue as `viewer` may see it:
 * - without the right to personal data, the name and phone are masked and
 *   the GPS position is dropped (it often marks a home);
 * - a private matter (isPrivate, handled 点对点) shows mediators only that it
 *   exists, its tier and status: mediators prepare collective discussion days,
 *   which a private matter may never reach, so its title, description, place,
 *   photos, answer and ledger notes are withheld from them. The cadre who
 *   asks a mediator to help one to one briefs them in person.
 */
export function viewIssue(data: IssueData, viewer: Viewer): IssueData {
  // The tracking code's hash is the server's alone (the lookup's key).
  let view: IssueData = data
  if (data.trackingHash !== undefined) {
    view = { ...data }
    delete view.trackingHash
  }
  if (!canSeePersonalData(data, viewer)) {
    const resident = data.resident
      ? {
          ...(data.resident.name === undefined ? {} : { name: maskName(data.resident.name) }),
          ...(data.resident.phone === undefined ? {} : { phone: maskPhone(data.resident.phone) }),
        }
      : null
    // A voice or a signature identifies the resident as surely as their name.
    view = { ...withoutResidentMedia(view), resident, gps: null }
  }
  if (viewer.role === 'mediator' && data.isPrivate) {
    view = {
      ...withoutResidentMedia(view),
      place: undefined,
      title: PRIVATE_PLACEHOLDER,
      description: PRIVATE_PLACEHOLDER,
      photos: [],
      resolution: view.resolution ? { ...view.resolution, text: PRIVATE_PLACEHOLDER } : null,
      feedback: view.feedback ? { ...view.feedback, comment: '' } : null,
      events: view.events.map((event) => ({ ...event, note: '' })),
    }
  }
  return view
}
