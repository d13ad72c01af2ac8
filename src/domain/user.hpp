#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"

namespace myvod::domain {

struct User {
  std::string id;  // uuid with dashes
  std::string email;
  std::string username;
  std::string first_name;
  std::string last_name;
  std::string password_hash;
  bool is_active = true;
  bool is_staff = false;
  std::optional<Timestamp> last_login;  // never set by this server (as simplejwt), kept from imported users
};

struct Platform {
  int id = 0;
  std::string slug;
  std::string name;
};

}  // namespace myvod::domain
