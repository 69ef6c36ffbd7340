// Every request body the API accepts: bytes -> parse_json_body (as a handler reads a body) -> each
// decoder of http/decoders.hpp. Decoders answer with a value or a 422; anything else is a finding.
// A body that parses is also written back with to_json_text, which must read back as the same value.

#include <boost/json.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_checks.hpp"
#include "http/decoders.hpp"
#include "http/json_reader.hpp"
#include "http/json_text.hpp"
#include "http/message.hpp"
#include "http/requirement_codec.hpp"

namespace {

namespace http = xuefeng::http;
namespace json = boost::json;

http::Request json_request(std::string body) {
  http::Request request;
  request.method = http::Method::kPost;
  request.target = "/api/v1/fuzz";
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = std::move(body);
  return request;
}

bool nearly_equal(double a, double b);

/// A requirement document that reads must pass or fail its rules, evaluate without fault if it passes,
/// and, if it passes, survive being written and read back (values allowing for Boost.JSON's rounding).
void check_requirement_document(const json::value& body) {
  namespace core = xuefeng::core;
  core::FieldErrors errors;
  const auto doc = http::read_requirement_document(body, errors, "document");
  if (!errors.empty()) {
    if (!xuefeng::fuzz::is_utf8(std::move(errors).to_error()))
      xuefeng::fuzz::fail("fuzz_json_requests", "a requirement document error that is not UTF-8");
    return;
  }
  core::FieldErrors rules;
  core::check_requirement_document(doc, rules);
  if (rules.empty()) {
    const auto as_of = *core::Date::from_ymd(2026, 6, 30);
    if (doc.subject.kind == core::SubjectKind::kPerson) {
      core::PersonFacts facts;
      facts.bound = {*core::Date::from_ymd(2026, 1, 1), *core::Date::from_ymd(2026, 12, 31)};
      facts.expected.push_back({1, core::ActivityKind::kCentralizedStudy, as_of, as_of, 2, core::AttendanceStatus::kPresent});
      facts.entries.push_back({2, core::ArchiveKind::kNote, as_of, 1, true, 1});
      (void)core::evaluate_person(doc, 2026, as_of, facts);
    } else {
      core::OrgFacts facts;
      facts.activities.push_back({1, core::ActivityKind::kCentralizedStudy, as_of, as_of, 10, 9});
      (void)core::evaluate_org(doc, 2026, as_of, facts);
    }
  }
  // Only documents that pass their rules are stored, so only they must survive the round trip (a
  // threshold of 1e400 reads as infinity, which JSON cannot write back).
  if (!rules.empty()) return;
  const http::JsonRequirementCodec codec;
  const auto again = codec.decode(codec.encode(doc), "document");
  if (!again) xuefeng::fuzz::fail("fuzz_json_requests", "a requirement document does not read back");
  auto a = doc;
  auto b = *again;
  if (a.items.size() != b.items.size())
    xuefeng::fuzz::fail("fuzz_json_requests", "a requirement document reads back with other items");
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!nearly_equal(a.items[i].value, b.items[i].value) && !(std::isnan(a.items[i].value) && std::isnan(b.items[i].value)))
      xuefeng::fuzz::fail("fuzz_json_requests", "a requirement value reads back changed");
    a.items[i].value = b.items[i].value = 0;
  }
  if (!(a == b)) xuefeng::fuzz::fail("fuzz_json_requests", "a requirement document reads back changed");
}

/// A decoder either succeeds or fails with field errors that a client can read.
template <typename T>
void check(const xuefeng::core::Result<T>& result) {
  if (result) return;
  const auto& error = result.error();
  if (error.code != xuefeng::core::ErrorCode::kValidationFailed) {
    xuefeng::fuzz::fail("fuzz_json_requests", "a decoder failed with an error other than a 422");
  }
  if (!xuefeng::fuzz::is_utf8(error))
    xuefeng::fuzz::fail("fuzz_json_requests", "a decoder error that is not UTF-8");
}

void decode_everything(const json::value& body) {
  check(http::decode_login(body));
  check(http::decode_new_account(body));
  check(http::decode_new_org(body));
  check(http::decode_org_patch(body));
  check(http::decode_new_membership(body));
  check(http::decode_new_person(body));
  check(http::decode_person_patch(body));
  check(http::decode_new_plan(body));
  check(http::decode_plan_patch(body));
  check(http::decode_new_activity(body));
  check(http::decode_activity_patch(body));
  check(http::decode_marks(body));
  check(http::decode_check_in(body));
  check(http::decode_leave_request(body));
  check(http::decode_new_archive_entry(body));
  check(http::decode_archive_patch(body));
  check(http::decode_review(body));
  check_requirement_document(body);
}

/// Boost.JSON 1.81 does not always round decimal text to the nearest double (184477440737095516709551618
/// reads as 0x1.31313c33c1938p+87, one unit in the last place above the nearest), so the text that
/// std::to_chars writes for a double may read back a step or two away from it.
bool nearly_equal(double a, double b) {
  for (int step = 0; step < 3; ++step) {
    if (a == b) return true;
    a = std::nextafter(a, b);
  }
  return false;
}

/// The same JSON, allowing for what to_json_text changes on purpose: a double that is a whole number
/// is written as one (and may read back as an integer), and non-finite numbers become null.
bool same_json(const json::value& original, const json::value& written) {
  if (original.is_number()) {
    const double a = original.to_number<double>();
    if (!std::isfinite(a)) return written.is_null();
    if (!written.is_number()) return false;
    if (!original.is_double()) return original == written;  // integers are printed exactly
    return nearly_equal(a, written.to_number<double>());
  }
  if (original.kind() != written.kind()) return false;
  if (original.is_array()) {
    const auto& a = original.get_array();
    const auto& b = written.get_array();
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_json(a[i], b[i])) return false;
    }
    return true;
  }
  if (original.is_object()) {
    const auto& a = original.get_object();
    const auto& b = written.get_object();
    if (a.size() != b.size()) return false;
    auto it = b.begin();
    for (const auto& kv : a) {
      if (kv.key() != it->key() || !same_json(kv.value(), it->value())) return false;
      ++it;
    }
    return true;
  }
  return original == written;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed =
      http::parse_json_body(json_request(std::string(reinterpret_cast<const char*>(data), size)));
  if (!parsed) return 0;
  decode_everything(*parsed);

  const std::string text = http::to_json_text(*parsed);
  const auto reread = http::parse_json_body(json_request(text));
  if (!reread || !same_json(*parsed, *reread)) {
    std::fprintf(stderr, "to_json_text does not read back as the same value: %s\n", text.c_str());
    std::abort();
  }
  return 0;
}
