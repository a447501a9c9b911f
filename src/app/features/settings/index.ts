export { useFixedDays } from './use-fixed-days.ts'
