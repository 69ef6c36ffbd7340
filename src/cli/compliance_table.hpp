#pragma once

#include <string>

#include "service/services.hpp"

namespace xuefeng::cli {

/// The compliance answer as a table for the terminal: one block per subject and set, one line per item
/// with its progress ("3 / 4") and status in Chinese, columns aligned for a fixed-width font (CJK
/// characters take two columns).
std::string compliance_table(const service::Compliance& compliance);

}  // namespace xuefeng::cli
