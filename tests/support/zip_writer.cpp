#include "support/zip_writer.hpp"

#include <zip.h>

#include <cstdio>
#include <stdexcept>

namespace myvod::testing {

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);  // still ours after zip_close, to read the archive back
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) throw std::runtime_error("libzip could not open an archive in memory");
  for (const auto& [name, content] : entries) {
    zip_source_t* file = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (file == nullptr || zip_file_add(archive, name.c_str(), file, ZIP_FL_OVERWRITE) < 0) {
      throw std::runtime_error("libzip could not add " + name);
    }
  }
  if (zip_close(archive) < 0) throw std::runtime_error("libzip could not write the archive");
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  const auto size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string bytes(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  return bytes;
}

}  // namespace myvod::testing
