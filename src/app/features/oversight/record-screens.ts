import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** Self-correction cases and review matters outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  self_correction: { title: (data) => textOf(data.title), link: (id) => `/oversight/cases/${id}` },
  review_matter: {
    title: (data) => textOf(data.respondent ?? data.question),
    link: (id) => `/oversight/review/${id}`,
  },
}
