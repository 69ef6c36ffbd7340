#pragma once

#include <boost/json/value.hpp>

#include "core/model.hpp"
#include "service/services.hpp"

namespace xuefeng::http {

namespace json = boost::json;

// Domain records as JSON, one function per record. Keys are the glossary's snake_case codes, the same
// as the database columns; dates are YYYY-MM-DD and instants RFC 3339 at the deployment's offset.

class JsonWriter {
 public:
  explicit JsonWriter(core::UtcOffset offset) : offset_(offset) {}

  json::value time(const core::Timestamp& t) const;
  json::value time(const std::optional<core::Timestamp>& t) const;

  json::value org(const core::Org& org) const;
  json::value org_tree(const service::OrgTreeNode& node) const;
  json::value person(const service::PersonView& view) const;
  json::value member(const service::MemberView& member) const;
  json::value plan(const core::Plan& plan) const;
  json::value activity(const service::ActivityView& view) const;
  /// An activity inside a person's archive, with that person's mark.
  json::value person_activity(const service::PersonActivity& pa) const;
  json::value attendance(const service::AttendanceSheet& sheet) const;
  json::value leave(const core::LeaveRequest& request) const;
  json::value archive_entry(const core::ArchiveEntry& entry) const;
  json::value archive_year(const service::ArchiveYear& year) const;
  json::value account(const core::Account& account) const;
  json::value org_stats(const service::OrgStats& stats) const;
  json::value roster_import(const service::RosterImportResult& result) const;
  json::value audit_record(const service::AuditRecord& record) const;

 private:
  core::UtcOffset offset_;
};

}  // namespace xuefeng::http
