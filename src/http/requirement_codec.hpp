#pragma once

#include <boost/json/fwd.hpp>

#include "core/error.hpp"
#include "service/services.hpp"

namespace xuefeng::http {

/// Requirement documents in their one JSON form (docs/api.md §14): what the API reads and writes, what
/// is stored, and what the templates are written in.
class JsonRequirementCodec final : public service::RequirementCodec {
 public:
  core::Result<core::RequirementDocument> decode(std::string_view json, const std::string& field) const override;
  std::string encode(const core::RequirementDocument& document) const override;
};

/// Reads a document from an already parsed value, recording shape errors under `field`.
core::RequirementDocument read_requirement_document(const boost::json::value& value, core::FieldErrors& errors,
                                                    const std::string& field);
boost::json::value requirement_document_json(const core::RequirementDocument& document);

/// A whole number without a decimal point (`12`, not `12.0`), as the rest of the API writes numbers.
boost::json::value number_json(double value);

}  // namespace xuefeng::http
