#include "common/gzip_reader.hpp"

#include <cstring>
#include <memory>
#include <stdexcept>

namespace myvod {

namespace {
constexpr size_t kChunk = 1 << 18;
}

GzipLineReader::GzipLineReader(ByteSource source)
    : source_(std::move(source)), input_(kChunk), output_(kChunk) {
  // 15 + 32: accept a gzip or zlib header.
  if (inflateInit2(&zlib_, 15 + 32) != Z_OK) throw std::runtime_error("zlib initialisation failed");
}

GzipLineReader::~GzipLineReader() {
  inflateEnd(&zlib_);
}

GzipLineReader::ByteSource GzipLineReader::from_file(std::FILE* file) {
  return [file](char* buffer, size_t capacity) { return std::fread(buffer, 1, capacity, file); };
}

GzipLineReader::ByteSource GzipLineReader::from_memory(std::span<const unsigned char> bytes) {
  auto offset = std::make_shared<size_t>(0);
  return [bytes, offset](char* buffer, size_t capacity) {
    const size_t n = std::min(capacity, bytes.size() - *offset);
    std::memcpy(buffer, bytes.data() + *offset, n);
    *offset += n;
    return n;
  };
}

bool GzipLineReader::fill() {
  if (input_offset_ == input_size_) {
    if (input_done_) return false;
    input_size_ = source_(input_.data(), input_.size());
    input_offset_ = 0;
    if (input_size_ == 0) {
      input_done_ = true;
      if (compressed_ && !member_complete_) throw std::runtime_error("truncated gzip data");
      return false;
    }
  }
  if (!sniffed_) {
    sniffed_ = true;
    compressed_ = input_size_ >= 2 && static_cast<unsigned char>(input_[0]) == 0x1f &&
                  static_cast<unsigned char>(input_[1]) == 0x8b;
  }
  if (!compressed_) {
    pending_.append(input_.data() + input_offset_, input_size_ - input_offset_);
    input_offset_ = input_size_;
    return true;
  }
  char* output = output_.data();
  zlib_.next_in = reinterpret_cast<Bytef*>(input_.data() + input_offset_);
  zlib_.avail_in = static_cast<uInt>(input_size_ - input_offset_);
  zlib_.next_out = reinterpret_cast<Bytef*>(output);
  zlib_.avail_out = static_cast<uInt>(output_.size());
  const int status = inflate(&zlib_, Z_NO_FLUSH);
  if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
    throw std::runtime_error("corrupt gzip data");
  }
  input_offset_ = input_size_ - zlib_.avail_in;
  member_complete_ = status == Z_STREAM_END;
  pending_.append(output, output_.size() - zlib_.avail_out);
  if (status == Z_STREAM_END) inflateReset(&zlib_);  // concatenated gzip members, as `cat a.gz b.gz`
  return true;
}

bool GzipLineReader::next_line(std::string_view& line) {
  for (;;) {
    const size_t newline = pending_.find('\n', line_start_);
    if (newline != std::string::npos) {
      size_t end = newline;
      if (end > line_start_ && pending_[end - 1] == '\r') --end;
      line = std::string_view(pending_).substr(line_start_, end - line_start_);
      line_start_ = newline + 1;
      return true;
    }
    pending_.erase(0, line_start_);
    line_start_ = 0;
    if (!fill()) {
      if (pending_.empty()) return false;
      pending_.push_back('\n');  // a last line without its newline
    }
  }
}

std::string gunzip(std::span<const unsigned char> bytes) {
  GzipLineReader reader(GzipLineReader::from_memory(bytes));
  std::string text;
  std::string_view line;
  while (reader.next_line(line)) {
    text.append(line);
    text.push_back('\n');
  }
  return text;
}

}  // namespace myvod
