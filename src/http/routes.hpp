#pragma once

#include "http/handler_support.hpp"

namespace xuefeng::http {

// Each resource's routes, registered by Api. Handlers parse, call one use case, and serialize.

void add_session_routes(Router& router, const RouteDeps& deps);
void add_org_routes(Router& router, const RouteDeps& deps);
void add_person_routes(Router& router, const RouteDeps& deps);
void add_plan_routes(Router& router, const RouteDeps& deps);
void add_activity_routes(Router& router, const RouteDeps& deps);
void add_archive_routes(Router& router, const RouteDeps& deps);
void add_audit_routes(Router& router, const RouteDeps& deps);
void add_requirement_routes(Router& router, const RouteDeps& deps);

/// The session cookie's name.
inline constexpr const char* kSessionCookie = "xuefeng_session";

}  // namespace xuefeng::http
