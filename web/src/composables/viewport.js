import { ref, onMounted, onBeforeUnmount } from 'vue'

/** True on phone-sized screens, where the menu becomes a drawer and tables become lists. */
export function useNarrow(maxWidth = 768) {
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`)
  const narrow = ref(query.matches)
  const update = () => (narrow.value = query.matches)
  onMounted(() => query.addEventListener('change', update))
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return narrow
}
