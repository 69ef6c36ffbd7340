/** Archive entry kinds in the glossary's order (docs/api.md section 15), as the archive groups them. */
export const ENTRY_KINDS = [
  'note', 'reflection', 'article', 'keynote', 'party_lecture_given', 'year_end_summary', 'self_study',
  'research_report', 'contact_point',
]
