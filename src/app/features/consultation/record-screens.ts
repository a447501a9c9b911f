import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** The consultation kinds outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  consultation: { title: (data) => textOf(data.title), link: (id) => `/consultations/${id}` },
  opinion: {
    title: (data) => textOf(data.text).slice(0, 20),
    link: (_id, data) => `/consultations/${textOf(data.consultationId)}`,
  },
  participation_catalogue: {
    title: (data) => (typeof data.year === 'number' ? String(data.year) : ''),
    link: (id) => `/catalogues/${id}`,
  },
}
