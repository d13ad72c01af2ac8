#pragma once
// Accounts: registration (from the API and, for staff users, from the CLI, by the same rules) and password
// changes. Refusals are thrown as field errors (common/error.hpp), so every caller reports them alike.

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "auth/password_hasher.hpp"
#include "common/error.hpp"
#include "domain/password_rules.hpp"
#include "domain/user.hpp"
#include "service/runtime.hpp"

namespace myvod::service {

// A registration as its caller parsed it: a field it found missing or malformed is absent here and already
// reported in `errors`, so the messages come out in the order of the fields.
struct Registration {
  std::optional<std::string> email;
  std::optional<std::string> password;
  bool is_staff = false;
  FieldErrors errors;
  std::string client;  // the caller's address, whose turn the hashing takes (empty for the CLI)
};

struct PasswordChange {
  std::optional<std::string> current_password;
  std::optional<std::string> new_password;
  FieldErrors errors;
  std::string client;
};

// Replaces the user's password with `new_hash` only while it is still the hash `user` was read with, and in
// the same transaction blacklists every refresh token of the user (design.md §5: other devices must log in
// again). False when the password had changed meanwhile: of two replacements at once, the second finds it
// changed, exactly as if it had come after the first.
boost::asio::awaitable<bool> replace_password_ending_sessions(Runtime& runtime, const domain::User& user,
                                                              const std::string& new_hash);

class Accounts {
 public:
  Accounts(Runtime& runtime, const auth::PasswordHasher& hasher,
           const domain::CommonPasswords& common_passwords)
      : runtime_(runtime), hasher_(hasher), common_passwords_(common_passwords) {}

  // Creates the account and returns its e-mail as stored (lower-cased). The e-mail must be valid, at most
  // 254 characters and not taken (case-insensitively); the password must pass the validators (without the
  // similarity check, which needs a user to compare with). Two registrations of one address at once: the
  // database's unique index lets one win and the other gets the "taken" message.
  boost::asio::awaitable<std::string> register_user(Registration registration);

  // Checks the current password and sets the new one, which must pass the validators (the similarity check
  // included) and differ from the current one. Every refresh token of the user is blacklisted with it, so
  // other devices must log in again; of two changes at once, only one succeeds.
  boost::asio::awaitable<void> change_password(const domain::User& user, PasswordChange change);

  // Blacklists every outstanding refresh token of the user and returns how many there were. Access tokens
  // already handed out stay valid until they expire (an hour at most): they are checked without the
  // database.
  boost::asio::awaitable<long long> log_out_everywhere(const domain::User& user);

  // Sets a password the operator chose for the user (`myvod users set-password`): the validators with the
  // similarity check, refusals under "password"; no current password is asked for.
  boost::asio::awaitable<void> set_password(const domain::User& user, const std::string& password);

 private:
  Runtime& runtime_;
  const auth::PasswordHasher& hasher_;
  const domain::CommonPasswords& common_passwords_;
};

}  // namespace myvod::service
