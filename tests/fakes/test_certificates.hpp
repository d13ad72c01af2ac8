#pragma once
// A throwaway certificate authority and a server certificate it signs (for localhost and 127.0.0.1), made
// in memory for one test run: the fake SMTP server speaks TLS with it, and the client trusts the CA through
// MYVOD_SMTP_CA_FILE, exactly as an operator trusts a private relay's CA.

#include <string>

namespace myvod::testing {

struct TestCertificates {
  std::string ca_pem;           // the CA certificate, for the client
  std::string server_cert_pem;  // the server's certificate
  std::string server_key_pem;   // and its private key
};

// Made once per process (key generation is the slow part) and shared.
const TestCertificates& test_certificates();

// Writes `text` to a new file in the temporary directory and returns its path; the file is removed at exit.
std::string write_temporary_file(const std::string& name, const std::string& text);

}  // namespace myvod::testing
