#pragma once
// Everything a handler may use, built once by the composition root (app/server_app.cpp) with designated
// initializers, so that no two look-alike parts can be swapped by position.

#include <string>
#include <vector>

#include "auth/jwt.hpp"
#include "auth/password_hasher.hpp"
#include "domain/user.hpp"
#include "http/client_address.hpp"
#include "search/catalog_search.hpp"
#include "service/accounts.hpp"
#include "service/attempt_limits.hpp"
#include "service/availability_sync.hpp"
#include "service/mail.hpp"
#include "service/mail_settings.hpp"
#include "service/password_reset.hpp"
#include "service/platforms.hpp"
#include "service/posters.hpp"
#include "service/runtime.hpp"
#include "service/suggestions.hpp"
#include "service/user_movies.hpp"

namespace myvod::api {

struct Services {
  service::Runtime& runtime;
  service::Accounts& accounts;
  service::UserMovies& user_movies;
  service::Suggestions& suggestions;
  const auth::JwtCodec& jwt;
  const auth::PasswordHasher& hasher;
  service::AttemptLimit& login_limit;
  service::AttemptLimit& reset_limit;  // password-reset requests per e-mail and per client address
  service::PasswordReset& password_reset;
  service::Mailer* mailer;  // nothing when mail is not configured
  service::MailSettings& mail_settings;
  search::CatalogSearch& catalog_search;
  service::PosterRequests* posters;  // nothing when posters are off
  service::SyncLauncher& sync_launcher;
  bool availability_sync;  // a source is configured
  bool registration_open;  // MYVOD_REGISTRATION
  service::PlatformDirectory& platforms;
  // Verified when a login names no account, so that timing does not reveal which e-mails exist.
  std::string decoy_password_hash;
  std::vector<std::string> cors_origins;
  std::vector<http::AddressRange> metrics_allow;  // clients that may read /metrics
  std::string public_url;  // MYVOD_PUBLIC_URL when set: pagination links start with it, not with the Host
};

}  // namespace myvod::api
