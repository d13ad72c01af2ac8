#include <soci/soci.h>

#include "store/store.hpp"

namespace myvod::store {

namespace {

constexpr const char* kUserColumns =
    "SELECT CAST(id AS TEXT), email, username, first_name, last_name, password, is_active, is_staff "
    "FROM users_user ";

std::optional<domain::User> fetch_user(soci::session& sql, const std::string& where,
                                       const std::string& value) {
  domain::User user;
  int is_active = 0;
  int is_staff = 0;
  sql << kUserColumns + where, soci::use(value), soci::into(user.id), soci::into(user.email),
      soci::into(user.username), soci::into(user.first_name), soci::into(user.last_name),
      soci::into(user.password_hash), soci::into(is_active), soci::into(is_staff);
  if (!sql.got_data()) return std::nullopt;
  user.is_active = is_active != 0;
  user.is_staff = is_staff != 0;
  return user;
}

}  // namespace

std::optional<domain::User> UserStore::find_by_id(const std::string& id) {
  return fetch_user(sql(), "WHERE id = :id", id);
}

std::optional<domain::User> UserStore::find_for_login(const std::string& email_or_username) {
  // As Django's ModelBackend behind simplejwt: the e-mail exactly as typed, then the username.
  if (auto user = fetch_user(sql(), "WHERE email = :email", email_or_username)) return user;
  return fetch_user(sql(), "WHERE username = :username", email_or_username);
}

bool UserStore::email_taken(const std::string& email) {
  int found = 0;
  sql() << "SELECT 1 FROM users_user WHERE lower(email) = lower(:email)", soci::use(email), soci::into(found);
  return sql().got_data();
}

bool UserStore::insert(const NewUser& user) {
  const std::string joined = to_db_string(user.date_joined);
  const int is_staff = user.is_staff ? 1 : 0;
  soci::statement insert =
      (sql().prepare
           << "INSERT INTO users_user (id, password, is_superuser, username, first_name, last_name, "
              "email, is_staff, is_active, date_joined) "
              "VALUES (:id, :password, FALSE, :username, '', '', :email, :is_staff = 1, TRUE, :joined) "
              "ON CONFLICT DO NOTHING",
       soci::use(user.id), soci::use(user.password_hash), soci::use(user.email), soci::use(user.email),
       soci::use(is_staff), soci::use(joined));
  insert.execute(true);
  return insert.get_affected_rows() == 1;
}

void UserStore::set_password(const std::string& user_id, const std::string& password_hash) {
  sql() << "UPDATE users_user SET password = :password WHERE id = :id", soci::use(password_hash),
      soci::use(user_id);
}

bool UserStore::remove(const std::string& user_id) {
  soci::statement remove = (sql().prepare << "DELETE FROM users_user WHERE id = :id", soci::use(user_id));
  remove.execute(true);
  return remove.get_affected_rows() == 1;
}

}  // namespace myvod::store
