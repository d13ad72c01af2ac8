#include "fakes/test_certificates.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace myvod::testing {

namespace {

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificates: ") + what);
}

Key new_key() {
  Key key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EC key generation");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  check(extension != nullptr, "extension");
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

// A certificate for `key` named `common_name`, signed by `issuer_key` (itself when `issuer` is null).
Cert new_certificate(EVP_PKEY* key, const char* common_name, long serial, X509* issuer,
                     EVP_PKEY* issuer_key) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7 * 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509* signer = issuer ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (issuer) {
    add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid");
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), signer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  } else {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  }
  check(X509_sign(cert.get(), issuer_key, EVP_sha256()) > 0, "signing");
  return cert;
}

template <class Write>
std::string pem(Write write) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  check(write(bio.get()) == 1, "PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

TestCertificates make_certificates() {
  const Key ca_key = new_key();
  const Cert ca = new_certificate(ca_key.get(), "myVOD test CA", 1, nullptr, ca_key.get());
  const Key server_key = new_key();
  const Cert server = new_certificate(server_key.get(), "localhost", 2, ca.get(), ca_key.get());
  return {pem([&](BIO* bio) { return PEM_write_bio_X509(bio, ca.get()); }),
          pem([&](BIO* bio) { return PEM_write_bio_X509(bio, server.get()); }), pem([&](BIO* bio) {
            return PEM_write_bio_PrivateKey(bio, server_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
          })};
}

}  // namespace

const TestCertificates& test_certificates() {
  static const TestCertificates certificates = make_certificates();
  return certificates;
}

namespace {

// The files write_temporary_file made, removed when the process exits so that test runs leave nothing behind.
class TemporaryFiles {
 public:
  ~TemporaryFiles() {
    std::error_code ignored;
    for (const auto& path : paths_) std::filesystem::remove(path, ignored);
  }
  void add(std::filesystem::path path) {
    const std::lock_guard lock(mutex_);
    paths_.push_back(std::move(path));
  }

 private:
  std::mutex mutex_;
  std::vector<std::filesystem::path> paths_;
};

}  // namespace

std::string write_temporary_file(const std::string& name, const std::string& text) {
  static TemporaryFiles made;
  const auto path =
      std::filesystem::temp_directory_path() / ("myvod-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path) << text;
  made.add(path);
  return path.string();
}

}  // namespace myvod::testing
