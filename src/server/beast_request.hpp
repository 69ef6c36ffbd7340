#pragma once

// The Beast side of reading a request, shared by the connection loop (server.cpp) and read_request
// (request_reader.cpp) so both parse and convert requests the same way. Included only in src/server.

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/message.hpp"
#include "server/request_reader.hpp"

namespace xuefeng::server {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;
using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

/// Applies the header and body limits; Beast's header limit is 32-bit, so a larger one is capped.
void apply_limits(RequestParser& parser, const RequestLimits& limits);

/// The answer to a failed read: 413 for the body limit, 431 for the header limit, 400 for bad syntax;
/// nullopt for anything else (I/O failures, a peer that left), which gets no answer.
std::optional<core::ErrorCode> refusal_for(const boost::system::error_code& ec);

/// An HTTP/1.1 client that sent "Expect: 100-continue" waits for the interim response.
bool expects_continue(const boost::beast::http::request_header<>& header);

/// The plain request handlers see. Takes the body without copying it.
http::Request to_request(BeastRequest&& message, const std::string& remote_address);

}  // namespace xuefeng::server
