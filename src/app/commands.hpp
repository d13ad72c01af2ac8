#pragma once
// One function per command of the CLI.

#include <string>

#include "app/config.hpp"

namespace myvod::app {

struct ImportOptions {
  std::string basics_path;
  std::string ratings_path;  // optional
};

struct StaffUserOptions {
  std::string email;
};

int serve(const Config& config);
int migrate_database(const Config& config);
int import_catalog(const Config& config, const ImportOptions& options);
int create_staff_user(const Config& config, const StaffUserOptions& options);

}  // namespace myvod::app
