#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace xuefeng::http {

/// JSON text of a value, with numbers as people write them: Boost.JSON 1.81 prints 266.5 as "2.665E2",
/// which is valid JSON but not what a secretary expects to see in an export or a browser's network tab.
/// Doubles use the shortest form that reads back exactly (std::to_chars); non-finite ones become null.
std::string to_json_text(const boost::json::value& value);

}  // namespace xuefeng::http
