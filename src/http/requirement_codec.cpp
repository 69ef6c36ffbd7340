#include "http/requirement_codec.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "http/json_reader.hpp"

namespace xuefeng::http {
namespace {

std::string at(const std::string& field, std::size_t i) { return field + "[" + std::to_string(i) + "]"; }

/// An optional array of glossary codes: absent or null is empty.
template <typename E>
std::vector<E> read_codes(ObjectReader& r, std::string_view key) {
  std::vector<E> out;
  const json::value* raw = r.raw(key);
  if (!raw || raw->is_null()) return out;
  const auto* array = raw->if_array();
  if (!array) {
    r.errors().add(r.path(key), {"应为数组", "must be an array"});
    return out;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    core::Text why;
    if (auto v = decode<E>((*array)[i], why)) {
      out.push_back(*v);
    } else {
      r.errors().add(at(r.path(key), i), why);
    }
  }
  return out;
}

template <typename E>
json::array codes_json(const std::vector<E>& values) {
  json::array out;
  for (const auto v : values) out.emplace_back(core::code(v));
  return out;
}

template <typename T>
json::value or_null(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_same_v<T, core::Date>) {
    return json::value(v->to_string());
  } else if constexpr (std::is_enum_v<T>) {
    return json::value(core::code(*v));
  } else {
    return json::value(*v);
  }
}

}  // namespace

json::value number_json(double v) {
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

namespace {

core::SubjectFilter read_subject(ObjectReader& r) {
  core::SubjectFilter s;
  s.kind = r.required<core::SubjectKind>("kind").value_or(core::SubjectKind::kPerson);
  s.org_kinds = read_codes<core::OrgKind>(r, "org_kinds");
  s.member_roles = read_codes<core::MemberRole>(r, "member_roles");
  s.cadre_level_at_least = r.optional<core::CadreLevel>("cadre_level_at_least");
  s.party_member = r.optional<bool>("party_member");
  s.born_on_or_after = r.optional<core::Date>("born_on_or_after");
  s.born_on_or_before = r.optional<core::Date>("born_on_or_before");
  s.orgs = r.optional<core::OrgScope>("orgs").value_or(core::OrgScope::kSelfAndDescendants);
  r.reject_unknown();
  return s;
}

core::RequirementItem read_item(ObjectReader& r) {
  core::RequirementItem item;
  item.code = r.required<std::string>("code").value_or("");
  item.label = r.required<std::string>("label").value_or("");
  item.period = r.required<core::Period>("period").value_or(core::Period::kYear);
  item.measure = r.required<core::Measure>("measure").value_or(core::Measure::kAttendedActivities);
  item.activity_kinds = read_codes<core::ActivityKind>(r, "activity_kinds");
  item.entry_kinds = read_codes<core::ArchiveKind>(r, "entry_kinds");
  item.verified_only = r.optional<bool>("verified_only").value_or(false);
  item.comparator = r.optional<core::Comparator>("comparator").value_or(core::Comparator::kAtLeast);
  item.value = r.required<double>("value").value_or(0);
  r.reject_unknown();
  return item;
}

}  // namespace

core::RequirementDocument read_requirement_document(const json::value& value, core::FieldErrors& errors,
                                                    const std::string& field) {
  core::RequirementDocument doc;
  ObjectReader r(value, errors, field);
  doc.name = r.required<std::string>("name").value_or("");
  doc.description = r.optional<std::string>("description").value_or("");
  if (const auto* subject = r.raw("subject"); subject && !subject->is_null()) {
    ObjectReader s(*subject, errors, r.path("subject"));
    doc.subject = read_subject(s);
  } else {
    errors.add(r.path("subject"), {"必须填写", "is required"});
  }
  if (const auto* items = r.raw("items"); items && !items->is_null()) {
    if (const auto* array = items->if_array()) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        ObjectReader ir((*array)[i], errors, at(r.path("items"), i));
        doc.items.push_back(read_item(ir));
      }
    } else {
      errors.add(r.path("items"), {"应为数组", "must be an array"});
    }
  } else {
    errors.add(r.path("items"), {"必须填写", "is required"});
  }
  if (const auto* make_up = r.raw("make_up"); make_up && !make_up->is_null()) {
    ObjectReader m(*make_up, errors, r.path("make_up"));
    core::MakeUpRule rule;
    rule.activity_kinds = read_codes<core::ActivityKind>(m, "activity_kinds");
    rule.within_days = m.required<int>("within_days").value_or(0);
    rule.counts_as_attended = m.optional<bool>("counts_as_attended").value_or(true);
    m.reject_unknown();
    doc.make_up = rule;
  }
  if (const auto* assessment = r.raw("assessment"); assessment && !assessment->is_null()) {
    ObjectReader a(*assessment, errors, r.path("assessment"));
    core::AssessmentScheme scheme;
    if (const auto* weights = a.raw("weights"); weights && !weights->is_null()) {
      if (const auto* object = weights->if_object()) {
        for (const auto& kv : *object) {
          core::Text why;
          if (const auto w = decode<double>(kv.value(), why)) {
            scheme.weights.emplace_back(std::string(kv.key()), *w);
          } else {
            errors.add(a.path("weights") + "." + std::string(kv.key()), why);
          }
        }
      } else {
        errors.add(a.path("weights"), {"应为对象：{\"要求代码\": 权重}", "must be an object: {\"item code\": weight}"});
      }
    }
    scheme.excellent = a.optional<double>("excellent").value_or(scheme.excellent);
    scheme.good = a.optional<double>("good").value_or(scheme.good);
    scheme.pass = a.optional<double>("pass").value_or(scheme.pass);
    a.reject_unknown();
    doc.assessment = std::move(scheme);
  }
  r.reject_unknown();
  return doc;
}

json::value requirement_document_json(const core::RequirementDocument& doc) {
  const auto& s = doc.subject;
  json::object subject{{"kind", core::code(s.kind)},
                       {"org_kinds", codes_json(s.org_kinds)},
                       {"member_roles", codes_json(s.member_roles)},
                       {"cadre_level_at_least", or_null(s.cadre_level_at_least)},
                       {"party_member", or_null(s.party_member)},
                       {"born_on_or_after", or_null(s.born_on_or_after)},
                       {"born_on_or_before", or_null(s.born_on_or_before)},
                       {"orgs", core::code(s.orgs)}};
  json::array items;
  for (const auto& i : doc.items) {
    items.push_back(json::object{{"code", i.code},
                                 {"label", i.label},
                                 {"period", core::code(i.period)},
                                 {"measure", core::code(i.measure)},
                                 {"activity_kinds", codes_json(i.activity_kinds)},
                                 {"entry_kinds", codes_json(i.entry_kinds)},
                                 {"verified_only", i.verified_only},
                                 {"comparator", core::code(i.comparator)},
                                 {"value", number_json(i.value)}});
  }
  json::value make_up = nullptr;
  if (doc.make_up) {
    make_up = json::object{{"activity_kinds", codes_json(doc.make_up->activity_kinds)},
                           {"within_days", doc.make_up->within_days},
                           {"counts_as_attended", doc.make_up->counts_as_attended}};
  }
  json::value assessment = nullptr;
  if (doc.assessment) {
    json::object weights;
    for (const auto& [code, weight] : doc.assessment->weights) weights[code] = number_json(weight);
    assessment = json::object{{"weights", std::move(weights)},
                              {"excellent", number_json(doc.assessment->excellent)},
                              {"good", number_json(doc.assessment->good)},
                              {"pass", number_json(doc.assessment->pass)}};
  }
  return json::object{{"name", doc.name},
                      {"description", doc.description},
                      {"subject", std::move(subject)},
                      {"items", std::move(items)},
                      {"make_up", std::move(make_up)},
                      {"assessment", std::move(assessment)}};
}

core::Result<core::RequirementDocument> JsonRequirementCodec::decode(std::string_view text, const std::string& field) const {
  boost::system::error_code ec;
  const json::value value = json::parse(text, ec);
  if (ec) {
    return core::fail(core::Error::validation(field, {"不是有效的 JSON：" + ec.message(), "is not valid JSON: " + ec.message()}));
  }
  core::FieldErrors errors;
  auto doc = read_requirement_document(value, errors, field);
  if (!errors.empty()) return core::fail(std::move(errors).to_error());
  return doc;
}

std::string JsonRequirementCodec::encode(const core::RequirementDocument& document) const {
  return json::serialize(requirement_document_json(document));
}

}  // namespace xuefeng::http
