#pragma once
// Reads lines from gzip-compressed or plain bytes, streaming: memory stays constant whatever the size.

#include <zlib.h>

#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace myvod {

class GzipLineReader {
 public:
  // `read` fills up to `capacity` bytes and returns how many it wrote; 0 means end of input.
  using ByteSource = std::function<size_t(char* buffer, size_t capacity)>;

  explicit GzipLineReader(ByteSource source);
  ~GzipLineReader();
  GzipLineReader(const GzipLineReader&) = delete;
  GzipLineReader& operator=(const GzipLineReader&) = delete;

  static ByteSource from_file(std::FILE* file);
  static ByteSource from_memory(std::span<const unsigned char> bytes);

  // The next line without its '\n' (and without a trailing '\r'); false at the end. The view stays valid
  // until the next call. Throws std::runtime_error on corrupt compressed data.
  bool next_line(std::string_view& line);

 private:
  bool fill();  // appends decoded bytes to pending_; false at end of input

  ByteSource source_;
  z_stream zlib_{};
  bool compressed_ = false;
  bool sniffed_ = false;
  bool input_done_ = false;
  bool member_complete_ = false;  // the last gzip member ended properly
  std::vector<char> input_;
  std::vector<char> output_;
  size_t input_offset_ = 0;
  size_t input_size_ = 0;
  std::string pending_;
  size_t line_start_ = 0;
};

// The whole decompressed content; for small embedded files.
std::string gunzip(std::span<const unsigned char> bytes);

}  // namespace myvod
