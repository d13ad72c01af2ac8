#pragma once
// Cryptographically secure identifiers (libsodium's generator).

#include <string>
#include <string_view>

namespace myvod {

std::string random_uuid4();            // "3f0c...-...."; user ids
std::string random_hex(size_t bytes);  // lower-case hex, 2 * bytes characters; JWT ids, request ids
std::string random_secret_key();       // 50 printable characters; the generated signing key

bool is_uuid(std::string_view text);  // canonical 8-4-4-4-12 hex form, either case

}  // namespace myvod
