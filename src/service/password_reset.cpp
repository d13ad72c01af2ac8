#include "service/password_reset.hpp"

#include "common/error.hpp"
#include "common/url.hpp"
#include "service/accounts.hpp"

namespace myvod::service {

namespace {

constexpr std::string_view kInvalidLink = "Nieprawidłowy link resetowania hasła.";
constexpr std::string_view kUsedOrExpired = "Link resetowania hasła jest nieprawidłowy lub wygasł.";

Error refusal(std::string_view message) {
  return Error(ErrorCode::invalid_input, boost::json::object{{"error", message}});
}

auth::ResetSubject subject_of(const domain::User& user) {
  return {user.id, user.password_hash, user.last_login, user.email};
}

}  // namespace

boost::asio::awaitable<std::optional<ResetLink>> PasswordReset::link_for(const std::string& email) {
  // The same statements and the same token work run whether or not the address has an account, so the
  // answer's timing says nothing about which addresses exist (bench/reset_timing.sh measures it).
  static const domain::User kNobody = [] {
    domain::User nobody;
    nobody.id = "00000000-0000-0000-0000-000000000000";
    return nobody;
  }();
  struct Holder {
    std::optional<domain::User> user;
    std::string language;
  };
  const auto [found, language] = co_await runtime_.db([&](store::Store& store) {
    Holder holder{store.users().find_by_email(email), ""};
    holder.language = store.preferences().of_user(holder.user ? holder.user->id : kNobody.id).language;
    return holder;
  });
  const bool usable = found && found->is_active;
  const domain::User& user = usable ? *found : kNobody;
  const std::string uid = auth::encode_reset_uid(user.id);
  const std::string token = tokens_.make(subject_of(user), runtime_.clock().now());
  if (!usable) co_return std::nullopt;
  co_return ResetLink{
      user.id, user.email,
      frontend_url_ + "/auth/reset-password?uid=" + url_encode_plus(uid) + "&token=" + url_encode_plus(token),
      language};
}

boost::asio::awaitable<domain::User> PasswordReset::holder_of(const std::string& uid,
                                                              const std::string& token) {
  const auto user_id = auth::decode_reset_uid(uid);
  if (!user_id) throw refusal(kInvalidLink);
  const auto user =
      co_await runtime_.db([&](store::Store& store) { return store.users().find_by_id(*user_id); });
  if (!user || !user->is_active) throw refusal(kInvalidLink);
  if (!tokens_.check(subject_of(*user), token, runtime_.clock().now())) throw refusal(kUsedOrExpired);
  co_return *user;
}

boost::asio::awaitable<void> PasswordReset::validate(const std::string& uid, const std::string& token) {
  co_await holder_of(uid, token);
}

boost::asio::awaitable<void> PasswordReset::confirm(const std::string& uid, const std::string& token,
                                                    const std::string& new_password,
                                                    const std::string& client) {
  const domain::User user = co_await holder_of(uid, token);
  const std::string hash = co_await runtime_.hashing(client, [&] { return hasher_.hash(new_password); });
  // The password is replaced only if it is still the one the token signed: of two confirmations at once,
  // the second finds it changed, exactly as if it had come after the first.
  if (!co_await replace_password_ending_sessions(runtime_, user, hash)) throw refusal(kUsedOrExpired);
}

}  // namespace myvod::service
