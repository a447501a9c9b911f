export interface DiscussableItemTable {
  id: string
  township_id: string
  title: string
  verdict: string
  basis: string | null
  /** JSON array of strings. */
  keywords: string
  /** JSON array of issue tags. */
  tags: string
  note: string
  updated_at: string
  updated_by_name: string
}
