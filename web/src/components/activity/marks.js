/** The attendance marks in the order the sheet offers them (keys 1–4); unmarked is null (section 9). */
export const STATUSES = ['present', 'late', 'excused', 'absent']
