// The one way pages talk to the server: fetch with the session cookie, JSON in and out, and every
// failure turned into an ApiError that carries the problem+json body (RFC 9457) the server sent, whose
// `detail` is already in the user's language (we send Accept-Language from the chosen locale).
import { currentLocale } from '@/i18n'

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`)
    this.status = status
    this.code = problem?.code || (status === 0 ? 'network' : 'unknown')
    this.problem = problem || {}
    /** Per-field messages of a validation_failed answer: { field: message }. */
    this.fields = Object.fromEntries((problem?.errors || []).map((e) => [e.field, e.message]))
  }
}

let onUnauthenticated = () => {}
/** Called when a request answers 401: the router sends the user to the login page. */
export function setUnauthenticatedHandler(handler) {
  onUnauthenticated = handler
}

function acceptLanguage() {
  return currentLocale() === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9'
}

export function queryString(params = {}) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export async function request(method, path, { body, query, headers = {}, quiet401 = false } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage(), ...headers },
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  let res
  try {
    res = await fetch(`/api/v1${path}${queryString(query)}`, init)
  } catch {
    throw new ApiError(0, null)
  }
  if (res.status === 204) return null
  const type = res.headers.get('Content-Type') || ''
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text()
  if (!res.ok) {
    if (res.status === 401 && !quiet401) onUnauthenticated()
    throw new ApiError(res.status, typeof data === 'object' ? data : null)
  }
  const etag = res.headers.get('ETag')
  if (etag && data && typeof data === 'object') Object.defineProperty(data, '$etag', { value: etag })
  return data
}

export const api = {
  get: (path, query, opts) => request('GET', path, { query, ...opts }),
  post: (path, body, opts) => request('POST', path, { body, ...opts }),
  put: (path, body, opts) => request('PUT', path, { body, ...opts }),
  patch: (path, body, opts) => request('PATCH', path, { body, ...opts }),
  del: (path, query, opts) => request('DELETE', path, { query, ...opts }),
  /** All pages of a cursor-paginated list (section 1.5 of docs/api.md), up to `limit` items. */
  async all(path, query = {}, limit = 5000) {
    const items = []
    let cursor
    do {
      const page = await request('GET', path, { query: { ...query, cursor, limit: 500 } })
      items.push(...(page.items || []))
      cursor = page.next_cursor
    } while (cursor && items.length < limit)
    return items
  },
  /** A URL for a download (xlsx attachment or printable page), opened by the browser itself. */
  url: (path, query) => `/api/v1${path}${queryString(query)}`,
}
