import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** A disclosure outside its screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  disclosure: { title: (data) => textOf(data.title), link: (id) => `/disclosures/${id}` },
  disclosure_category: { title: (data) => textOf(data.name), link: () => '/disclosures' },
}
