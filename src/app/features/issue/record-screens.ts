import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** The issue kind outside its screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  issue: { title: (data) => textOf(data.title), link: (id) => `/issues/${id}` },
}
