/**
 * A record that names a consultation (an opinion, a policy registered from
 * it) loads it on the server: it must exist and be in the author's sight,
 * refused in one wording wherever it is named.
 */
import { recordReference, type RecordTargetReference } from '../sync/record-kind.ts'
import {
  CONSULTATION_KIND,
  consultationDataSchema,
  type ConsultationData,
} from './consultation.schema.ts'

/** The reference to consultation `id`; `vouch` checks it further and names the paths it vouches for. */
export function consultationReference(
  id: string,
  vouch: (consultation: ConsultationData) => readonly string[],
): RecordTargetReference {
  return recordReference(
    CONSULTATION_KIND,
    consultationDataSchema,
    id,
    { code: 'unknown_consultation', message: '该征求意见事项不存在或不在您的管辖范围内' },
    vouch,
  )
}
