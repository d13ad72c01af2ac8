#include "service/accounts.hpp"

#include "common/random.hpp"
#include "domain/email.hpp"
#include "domain/text.hpp"

namespace myvod::service {

namespace {
// Polish, as the web client shows it.
constexpr std::string_view kEmailTaken = "Użytkownik o tym emailu już istnieje";
constexpr size_t kMaxEmailLength = 254;
constexpr std::string_view kWrongCurrentPassword = "Current password is incorrect.";
}  // namespace

boost::asio::awaitable<bool> replace_password_ending_sessions(Runtime& runtime, const domain::User& user,
                                                              const std::string& new_hash) {
  const Timestamp now = runtime.clock().now();
  co_return co_await runtime.db([&](store::Store& store) {
    return store.transaction([&] {
      if (!store.users().replace_password(user.id, user.password_hash, new_hash)) return false;
      store.tokens().blacklist_all_of_user(user.id, now);
      return true;
    });
  });
}

boost::asio::awaitable<std::string> Accounts::register_user(Registration registration) {
  auto& errors = registration.errors;
  auto& email = registration.email;
  if (email) {
    *email = domain::ascii_lower(*email);
    if (!domain::is_valid_email(*email)) {
      errors.add("email", "Enter a valid email address.");
    } else if (email->size() > kMaxEmailLength) {
      errors.add("email", "Ensure this field has no more than 254 characters.");
    } else if (co_await runtime_.db([&](store::Store& store) { return store.users().email_taken(*email); })) {
      errors.add("email", kEmailTaken);
    }
  }
  if (registration.password) {
    for (const auto& message : domain::validate_password(*registration.password, common_passwords_, nullptr))
      errors.add("password", message);
  }
  errors.order({"email", "password"});
  errors.throw_if_any();

  const std::string hash =
      co_await runtime_.hashing(registration.client, [&] { return hasher_.hash(*registration.password); });
  const store::NewUser user{random_uuid4(), *email, hash, registration.is_staff, runtime_.clock().now()};
  // The unique indexes decide a race between two registrations of one address.
  if (!co_await runtime_.db([&](store::Store& store) { return store.users().insert(user); })) {
    FieldErrors taken;
    taken.add("email", kEmailTaken);
    taken.throw_if_any();
  }
  co_return *email;
}

boost::asio::awaitable<void> Accounts::change_password(const domain::User& user, PasswordChange change) {
  auto& errors = change.errors;
  if (change.current_password && !co_await runtime_.hashing(change.client, [&] {
        return hasher_.verify(*change.current_password, user.password_hash);
      })) {
    errors.add("current_password", kWrongCurrentPassword);
  }
  if (change.new_password) {
    const domain::UserAttributes attributes{user.username, user.first_name, user.last_name, user.email};
    const auto problems = domain::validate_password(*change.new_password, common_passwords_, &attributes);
    for (const auto& message : problems) errors.add("new_password", message);
    if (problems.empty() && co_await runtime_.hashing(change.client, [&] {
          return hasher_.verify(*change.new_password, user.password_hash);
        })) {
      errors.add("new_password", "New password must be different from current password.");
    }
  }
  errors.throw_if_any();

  const std::string hash =
      co_await runtime_.hashing(change.client, [&] { return hasher_.hash(*change.new_password); });
  // Of several changes at once, one replaces the hash the current password was checked against; for the
  // others, their current password is no longer the current one.
  if (!co_await replace_password_ending_sessions(runtime_, user, hash)) {
    FieldErrors stale;
    stale.add("current_password", kWrongCurrentPassword);
    stale.throw_if_any();
  }
}

boost::asio::awaitable<long long> Accounts::log_out_everywhere(const domain::User& user) {
  const Timestamp now = runtime_.clock().now();
  co_return co_await runtime_.db(
      [&](store::Store& store) { return store.tokens().blacklist_all_of_user(user.id, now); });
}

boost::asio::awaitable<void> Accounts::set_password(const domain::User& user, const std::string& password) {
  const domain::UserAttributes attributes{user.username, user.first_name, user.last_name, user.email};
  FieldErrors errors;
  for (const auto& message : domain::validate_password(password, common_passwords_, &attributes))
    errors.add("password", message);
  errors.throw_if_any();
  const std::string hash = co_await runtime_.hashing({}, [&] { return hasher_.hash(password); });
  co_await runtime_.db([&](store::Store& store) { store.users().set_password(user.id, hash); });
}

}  // namespace myvod::service
