#pragma once

#include <string>

#include "core/vocabulary.hpp"
#include "store/sqlite/connection.hpp"

namespace xuefeng::store::sqlite {

/// Reads a glossary code stored in a column; the schema's CHECK constraints make anything else a
/// corrupt file, which is an error, not a value.
template <typename E>
E enum_column(const Statement& s, int column) {
  const std::string text = s.text(column);
  const auto value = core::parse_code<E>(text);
  if (!value) throw SqliteError(0, "unknown code '" + text + "' in the database");
  return *value;
}

template <typename E>
std::optional<E> optional_enum_column(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return enum_column<E>(s, column);
}

template <typename E>
std::optional<std::string_view> optional_code(const std::optional<E>& value) {
  if (!value) return std::nullopt;
  return core::code(*value);
}

}  // namespace xuefeng::store::sqlite
