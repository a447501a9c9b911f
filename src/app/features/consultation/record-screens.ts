import type { RecordScreens } from '#app/records/record-screen.ts'

/** The consultation kinds outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  participation_catalogue: {
    title: (data) => (typeof data.year === 'number' ? String(data.year) : ''),
    link: (id) => `/catalogues/${id}`,
  },
}
