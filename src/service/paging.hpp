#pragma once

#include <utility>
#include <vector>

#include "service/repositories.hpp"

namespace xuefeng::service {

// Repositories' list methods return up to `limit + 1` rows; the extra row only says that another page
// exists. make_page drops it and sets the cursor to the last row kept.

template <typename T, typename CursorOf>
Page<T> make_page(std::vector<T> rows, int limit, CursorOf cursor_of) {
  Page<T> page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(static_cast<std::size_t>(limit));
    page.next = cursor_of(rows.back());
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace xuefeng::service
