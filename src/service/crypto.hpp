#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xuefeng::service::crypto {

// The few primitives the use cases need, on libsodium. Call init() once before anything else.

/// Initialises libsodium; throws std::runtime_error if it cannot.
void init();

/// A fresh random secret of `bytes` bytes, URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);

/// What is stored for a session token: a keyed-free BLAKE2b hash, hex. A leaked database then holds no
/// usable session.
std::string hash_token(std::string_view token);

/// argon2id, in libsodium's self-describing string form (parameters and salt included).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

/// The rotating check-in code for one time step: HMAC-SHA-256 of the step under the activity's
/// secret, as 8 characters of Crockford base32 (no I, L, O, U: easy to read aloud if ever typed).
std::string check_in_code(std::string_view secret, std::int64_t step);

/// Constant-time comparison of two short strings.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace xuefeng::service::crypto
