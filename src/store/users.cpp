#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

constexpr const char* kUserColumns =
    "SELECT CAST(id AS TEXT), email, username, first_name, last_name, password, is_active, is_staff, "
    "last_login "
    "FROM users_user ";

std::optional<domain::User> fetch_user(soci::session& sql, const std::string& where,
                                       const std::string& value) {
  domain::User user;
  int is_active = 0;
  int is_staff = 0;
  std::string last_login;
  soci::indicator login_set = soci::i_null;
  sql << kUserColumns + where, soci::use(value), soci::into(user.id), soci::into(user.email),
      soci::into(user.username), soci::into(user.first_name), soci::into(user.last_name),
      soci::into(user.password_hash), soci::into(is_active), soci::into(is_staff),
      soci::into(last_login, login_set);
  if (!sql.got_data()) return std::nullopt;
  user.is_active = is_active != 0;
  user.is_staff = is_staff != 0;
  user.last_login = timestamp_column(last_login, login_set);
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

bool UserStore::replace_password(const std::string& user_id, const std::string& current_hash,
                                 const std::string& new_hash) {
  soci::statement update =
      (sql().prepare << "UPDATE users_user SET password = :new WHERE id = :id AND password = :current",
       soci::use(new_hash), soci::use(user_id), soci::use(current_hash));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

bool UserStore::remove(const std::string& user_id) {
  soci::statement remove = (sql().prepare << "DELETE FROM users_user WHERE id = :id", soci::use(user_id));
  remove.execute(true);
  return remove.get_affected_rows() == 1;
}

bool UserStore::lock(const std::string& user_id) {
  BoundQuery query;
  query << "SELECT 1 FROM users_user WHERE id = ";
  query.bind(user_id) << (engine() == Engine::postgres ? " FOR UPDATE" : "");
  int found = 0;
  return query.run(sql(), soci::into(found)).fetch();
}

std::vector<UserSummary> UserStore::list(const std::string& fragment) {
  // The fragment is matched with instr/strpos, so its % and _ are plain characters.
  const char* contains = engine() == Engine::postgres ? "strpos(lower(email), lower(:fragment)) > 0"
                                                      : "instr(lower(email), lower(:fragment)) > 0";
  UserSummary row;
  std::string joined, last_login;
  soci::indicator login_set = soci::i_null;
  int is_staff = 0, is_active = 0;
  soci::statement rows =
      (sql().prepare << std::string("SELECT CAST(id AS TEXT), email, CASE WHEN is_staff THEN 1 ELSE 0 END, "
                                    "CASE WHEN is_active THEN 1 ELSE 0 END, date_joined, last_login "
                                    "FROM users_user WHERE ") +
                            contains + " ORDER BY email",
       soci::use(fragment), soci::into(row.id), soci::into(row.email), soci::into(is_staff),
       soci::into(is_active), soci::into(joined), soci::into(last_login, login_set));
  rows.execute();
  std::vector<UserSummary> users;
  while (rows.fetch()) {
    row.is_staff = is_staff != 0;
    row.is_active = is_active != 0;
    row.date_joined = *timestamp_column(joined, soci::i_ok);
    row.last_login = timestamp_column(last_login, login_set);
    users.push_back(row);
  }
  return users;
}

std::optional<domain::User> UserStore::find_by_email(const std::string& email) {
  return fetch_user(sql(), "WHERE lower(email) = lower(:email)", email);
}

void UserStore::set_staff(const std::string& user_id, bool is_staff) {
  const int value = is_staff ? 1 : 0;
  sql() << "UPDATE users_user SET is_staff = (:value = 1) WHERE id = :id", soci::use(value),
      soci::use(user_id);
}

void UserStore::set_active(const std::string& user_id, bool is_active) {
  const int value = is_active ? 1 : 0;
  sql() << "UPDATE users_user SET is_active = (:value = 1) WHERE id = :id", soci::use(value),
      soci::use(user_id);
}

}  // namespace myvod::store
