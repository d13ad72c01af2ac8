#include "common/zip_reader.hpp"

#include <zip.h>

#include <memory>

namespace myvod {

namespace {

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4)) ||
         bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

Expected<std::vector<ZipEntry>, ZipFailure> read_zip(
    std::string_view archive_bytes, size_t max_total,
    const std::function<bool(std::string_view name)>& wanted) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive_bytes.data(), archive_bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return unexpected(ZipFailure::malformed);
  }
  std::unique_ptr<zip_t, ArchiveCloser> archive(
      zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);  // not taken over when opening failed
    return unexpected(ZipFailure::malformed);
  }

  std::vector<ZipEntry> entries;
  size_t total = 0;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t index = 0; index < count; ++index) {
    const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(index), 0);
    if (name == nullptr) return unexpected(ZipFailure::malformed);
    if (!wanted(name)) continue;
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) return unexpected(ZipFailure::malformed);
    ZipEntry entry{name, {}};
    char buffer[64 * 1024];
    for (;;) {
      const zip_int64_t read = zip_fread(file.get(), buffer, sizeof buffer);
      if (read < 0) return unexpected(ZipFailure::malformed);  // also a CRC that does not match
      if (read == 0) break;
      total += static_cast<size_t>(read);
      if (total > max_total) return unexpected(ZipFailure::too_large);
      entry.content.append(buffer, static_cast<size_t>(read));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace myvod
