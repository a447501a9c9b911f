/** One saved version of the county settings (migration 2026_11_28_1050_create_county_setting). */
export interface CountySettingTable {
  version: number
  /** The whole `CountySettings`, as JSON. */
  data: string
  changed_at: string
  changed_by_id: string
  changed_by_name: string
}
