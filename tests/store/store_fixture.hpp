#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "service/crypto.hpp"
#include "http/requirement_codec.hpp"
#include "service/services.hpp"
#include "store/sqlite/database.hpp"

namespace xuefeng::testing {

/// A clock the test moves by hand.
class ManualClock final : public core::Clock {
 public:
  explicit ManualClock(core::Timestamp start) : now_(start) {}
  core::Timestamp now() const override { return now_; }
  void set(core::Timestamp t) { now_ = t; }
  void advance_seconds(std::int64_t s) { now_ = now_.plus_seconds(s); }

 private:
  core::Timestamp now_;
};

/// The use cases over a fresh SQLite file, in process; "now" is 2026-06-15 10:00 +08:00 unless moved.
class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    service::crypto::init();
    char tmpl[] = "/tmp/xuefeng-store-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    open();
  }

  void TearDown() override {
    services_.reset();
    context_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  void open() {
    services_.reset();
    context_.reset();
    db_.reset();
    store::sqlite::SqliteOptions options;
    options.path = dir_ + "/test.db";
    options.durability = store::sqlite::Durability::kNormal;
    db_ = std::make_unique<store::sqlite::SqliteDatabase>(options);
    context_ = std::make_unique<service::ServiceContext>(*db_, clock_, service::ServiceConfig{});
    services_ = std::make_unique<service::Services>(*context_, codec_);
  }

  static core::Date date(const char* text) { return *core::Date::parse(text); }

  template <typename T>
  static T ok(core::Result<T> result) {
    if (!result) {
      ADD_FAILURE() << "use case failed: " << result.error().detail.en << " / " << result.error().log_message;
      throw std::runtime_error("use case failed");
    }
    return std::move(result).value();
  }

  std::string dir_;
  ManualClock clock_{*core::Timestamp::parse_rfc3339("2026-06-15T10:00:00+08:00")};
  std::unique_ptr<store::sqlite::SqliteDatabase> db_;
  std::unique_ptr<service::ServiceContext> context_;
  http::JsonRequirementCodec codec_;
  std::unique_ptr<service::Services> services_;
  const service::Actor admin_ = service::Actor::system();
};

}  // namespace xuefeng::testing
