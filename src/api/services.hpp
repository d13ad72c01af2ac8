#pragma once
// Everything a handler may use, built once by the composition root (app/server_app.cpp).

#include <string>
#include <vector>

#include "auth/jwt.hpp"
#include "auth/login_throttle.hpp"
#include "auth/password_hasher.hpp"
#include "common/worker_pool.hpp"
#include "domain/password_rules.hpp"
#include "domain/user.hpp"
#include "search/catalog_search.hpp"
#include "store/database.hpp"

namespace myvod::api {

struct Services {
  store::Database& database;
  WorkerPool& database_workers;
  WorkerPool& hashing_workers;
  const auth::JwtCodec& jwt;
  const auth::PasswordHasher& hasher;
  auth::LoginThrottle& login_throttle;
  const domain::CommonPasswords& common_passwords;
  search::CatalogSearch& catalog_search;
  // The platform table is seeded by the migrations and read-only for the API, so it is read once at start.
  std::vector<domain::Platform> platforms;
  std::string platforms_json;
  // Verified when a login names no account, so that timing does not reveal which e-mails exist.
  std::string decoy_password_hash;
  std::vector<std::string> cors_origins;
};

}  // namespace myvod::api
