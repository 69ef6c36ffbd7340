// How a form sends what it holds: busy while the request runs; the server's 422 field messages kept
// for the fields they name (shown under each); any other failure as a message in the user's language.
import { ref } from 'vue'
import { showError } from '@/composables/feedback'

export function useSubmit() {
  const busy = ref(false)
  const errors = ref({})
  /** Runs `request`; its answer, or undefined when it failed (`onError` then sees a failure without fields). */
  async function submit(request, { onError } = {}) {
    busy.value = true
    errors.value = {}
    try {
      return await request()
    } catch (e) {
      if (e.status === 422 && Object.keys(e.fields).length) errors.value = e.fields
      else {
        showError(e)
        onError?.(e)
      }
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, errors, submit }
}
