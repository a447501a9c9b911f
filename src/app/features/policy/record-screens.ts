import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** The policy and assessment kinds outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  policy: { title: (data) => textOf(data.title), link: (id) => `/assessments/policies/${id}` },
  assessment_campaign: {
    title: (data) => textOf(data.policyTitle),
    link: (id) => `/assessments/campaigns/${id}`,
  },
  assessment_form: {
    title: (data) => textOf(data.submittedAt).slice(0, 10),
    link: (_id, data) => `/assessments/campaigns/${textOf(data.campaignId)}`,
  },
  post_evaluation: {
    title: (data) => textOf(data.policyTitle),
    link: (id) => `/assessments/cases/${id}`,
  },
}
