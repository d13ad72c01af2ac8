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

// The user matching `where` `value` `close`: `value` is bound between the two pieces of the condition.
std::optional<domain::User> fetch_user(Store& store, const char* where, const std::string& value,
                                       const char* close = "") {
  domain::User user;
  int is_active = 0;
  int is_staff = 0;
  std::string last_login;
  soci::indicator login_set = soci::i_null;
  BoundQuery query;
  query << kUserColumns << where;
  query.bind(value) << close;
  if (!query
           .run(store, soci::into(user.id), soci::into(user.email), soci::into(user.username),
                soci::into(user.first_name), soci::into(user.last_name), soci::into(user.password_hash),
                soci::into(is_active), soci::into(is_staff), soci::into(last_login, login_set))
           .fetch()) {
    return std::nullopt;
  }
  user.is_active = is_active != 0;
  user.is_staff = is_staff != 0;
  user.last_login = timestamp_column(last_login, login_set);
  return user;
}

}  // namespace

std::optional<domain::User> UserStore::find_by_id(const std::string& id) {
  return fetch_user(store_, "WHERE id = ", id);
}

std::optional<domain::User> UserStore::find_for_login(const std::string& email_or_username) {
  // As Django's ModelBackend behind simplejwt: the e-mail exactly as typed, then the username.
  if (auto user = fetch_user(store_, "WHERE email = ", email_or_username)) return user;
  return fetch_user(store_, "WHERE username = ", email_or_username);
}

bool UserStore::email_taken(const std::string& email) {
  int found = 0;
  BoundQuery query;
  query << "SELECT 1 FROM users_user WHERE lower(email) = lower(";
  query.bind(email) << ")";
  return query.run(store_, soci::into(found)).fetch();
}

bool UserStore::insert(const NewUser& user) {
  BoundQuery insert;
  insert << "INSERT INTO users_user (id, password, is_superuser, username, first_name, last_name, email, "
            "is_staff, is_active, date_joined) VALUES (";
  insert.bind(user.id) << ", ";
  insert.bind(user.password_hash) << ", FALSE, ";
  insert.bind(user.email) << ", '', '', ";
  insert.bind(user.email) << (user.is_staff ? ", TRUE" : ", FALSE") << ", TRUE, ";
  insert.bind(to_db_string(user.date_joined)) << ") ON CONFLICT DO NOTHING";
  return insert.execute(store_) == 1;
}

void UserStore::set_password(const std::string& user_id, const std::string& password_hash) {
  sql() << "UPDATE users_user SET password = :password WHERE id = :id", soci::use(password_hash),
      soci::use(user_id);
}

bool UserStore::replace_password(const std::string& user_id, const std::string& current_hash,
                                 const std::string& new_hash) {
  BoundQuery update;
  update << "UPDATE users_user SET password = ";
  update.bind(new_hash) << " WHERE id = ";
  update.bind(user_id) << " AND password = ";
  update.bind(current_hash);
  return update.execute(store_) == 1;
}

bool UserStore::remove(const std::string& user_id) {
  BoundQuery remove;
  remove << "DELETE FROM users_user WHERE id = ";
  remove.bind(user_id);
  return remove.execute(store_) == 1;
}

bool UserStore::lock(const std::string& user_id) {
  BoundQuery query;
  query << "SELECT 1 FROM users_user WHERE id = ";
  query.bind(user_id) << (engine() == Engine::postgres ? " FOR UPDATE" : "");
  int found = 0;
  return query.run(store_, soci::into(found)).fetch();
}

std::vector<UserSummary> UserStore::list(const std::string& fragment) {
  // The fragment is matched with instr/strpos, so its % and _ are plain characters.
  BoundQuery query;
  query << "SELECT CAST(id AS TEXT), email, CASE WHEN is_staff THEN 1 ELSE 0 END, "
           "CASE WHEN is_active THEN 1 ELSE 0 END, date_joined, last_login FROM users_user WHERE "
        << (engine() == Engine::postgres ? "strpos" : "instr") << "(lower(email), lower(";
  query.bind(fragment) << ")) > 0 ORDER BY email";
  UserSummary row;
  std::string joined, last_login;
  soci::indicator login_set = soci::i_null;
  int is_staff = 0, is_active = 0;
  Rows rows = query.run(store_, soci::into(row.id), soci::into(row.email), soci::into(is_staff),
                        soci::into(is_active), soci::into(joined), soci::into(last_login, login_set));
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
  return fetch_user(store_, "WHERE lower(email) = lower(", email, ")");
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
