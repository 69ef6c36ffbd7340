// Dates and times as the API writes them: times carry the deployment's offset ("2026-11-16T09:00:00+08:00")
// and are shown as written, not moved into the browser's zone; a day without a time starts at midnight
// in that same offset.

/** "09:00" from an RFC 3339 time, as the server wrote it. */
export function clock(time) {
  return typeof time === 'string' && time.length >= 16 ? time.slice(11, 16) : ''
}

/** "2026-11-16 09:00" from an RFC 3339 time. */
export function dateTime(time) {
  return typeof time === 'string' && time.length >= 16 ? `${time.slice(0, 10)} ${time.slice(11, 16)}` : ''
}

/** The "+08:00" of a time, or null. */
function offsetOf(time) {
  const m = typeof time === 'string' ? time.match(/(Z|[+-]\d\d:\d\d)$/) : null
  return m ? m[1] : null
}

function offsetMinutes(offset) {
  if (!offset || offset === 'Z') return 0
  const sign = offset[0] === '-' ? -1 : 1
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
}

/** Today as YYYY-MM-DD at the given offset (the browser's own when none is known). */
export function todayAt(offset, now = new Date()) {
  if (!offset) {
    const p = (n) => String(n).padStart(2, '0')
    return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
  }
  return new Date(now.getTime() + offsetMinutes(offset) * 60000).toISOString().slice(0, 10)
}

function midnight(day, offset) {
  return offset ? new Date(`${day}T00:00:00${offset === 'Z' ? 'Z' : offset}`) : new Date(`${day}T00:00:00`)
}

function nextDay(day) {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** The instants an activity runs between, as the check-in window and mark-absent read them (section 10). */
export function activitySpan(activity) {
  const offset = offsetOf(activity.starts_at) || offsetOf(activity.ends_at) || offsetOf(activity.created_at)
  const start = activity.starts_at ? new Date(activity.starts_at) : midnight(activity.starts_on, offset)
  const end = activity.ends_at ? new Date(activity.ends_at) : midnight(nextDay(activity.ends_on), offset)
  return { start, end, offset }
}

/** upcoming, ongoing or ended. */
export function activityPhase(activity, now = new Date()) {
  const { start, end } = activitySpan(activity)
  if (now < start) return 'upcoming'
  if (now >= end) return 'ended'
  return 'ongoing'
}

/** Before the activity's first day only `excused` may be marked (section 9). */
export function beforeFirstDay(activity, now = new Date()) {
  return todayAt(activitySpan(activity).offset, now) < activity.starts_on
}

/** "2026-11-16", or "2026-11-16 至 2026-11-18" for several days. */
export function dateRange(activity, to) {
  return activity.ends_on && activity.ends_on !== activity.starts_on
    ? `${activity.starts_on} ${to} ${activity.ends_on}`
    : activity.starts_on
}

/** "09:00–11:30", "09:00", or "" when the activity has no times. */
export function timeRange(activity) {
  const a = clock(activity.starts_at)
  const b = clock(activity.ends_at)
  return a && b ? `${a}–${b}` : a
}
