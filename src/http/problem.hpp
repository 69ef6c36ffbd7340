#pragma once

#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace xuefeng::http {

enum class Language { kZh, kEn };

/// Chinese unless the client's Accept-Language prefers English ("en", "en-US;q=0.9, zh;q=0.8", ...).
Language preferred_language(std::string_view accept_language);

const std::string& pick(const core::Text& text, Language language);

/// The HTTP status of an error code: the one mapping from errors to HTTP.
int http_status(core::ErrorCode code);

/// An RFC 9457 application/problem+json response for the error, in the given language.
Response problem_response(const core::Error& error, Language language);

}  // namespace xuefeng::http
